package org.wanglai.host.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.CreditStatus;
import org.wanglai.api.Customer;
import org.wanglai.api.CustomerCategory;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.host.HostTransaction;

/** {@link HostCustomers} over the active host profile's {@code HostCustomerMapper.xml}. */
@Component(immediate = true)
public final class HostCustomersImpl implements HostCustomers {
    /** Bounded IN-lists: databases limit bind parameters per statement. */
    private static final int IN_LIST_CHUNK = 1_000;

    private final SqlSessionFactory factory;

    @Activate
    public HostCustomersImpl(@Reference HostDatabase db) {
        this.factory = build(db);
    }

    static SqlSessionFactory build(HostDatabase db) {
        Configuration c = db.newConfiguration();
        String resource = HostProfile.resource(db.profile(), "HostCustomerMapper.xml");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HostCustomersImpl.class.getClassLoader());
        try (InputStream in = HostCustomersImpl.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Host profile '" + db.profile() + "' has no HostCustomerMapper.xml");
            }
            new XMLMapperBuilder(in, c, resource, c.getSqlFragments()).parse();
            if (!c.hasMapper(HostCustomerMapper.class)) {
                c.addMapper(HostCustomerMapper.class);
            }
            return new SqlSessionFactoryBuilder().build(c);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Customer toCustomer(HostCustomerMapper.CustomerRow r) {
        return new Customer(r.id(), r.code(), r.name(), r.industry(), r.region(), r.scale(), r.categoryId(),
                r.channel(), r.salespersonId(), r.paymentTermId(),
                Money.of(r.creditLimit() == null ? BigDecimal.ZERO : r.creditLimit(), r.currency().trim()),
                CreditStatus.ofCode(r.creditStatus()), r.createdDate());
    }

    @Override
    public Optional<Customer> find(long customerId) {
        try (SqlSession s = factory.openSession()) {
            return Optional.ofNullable(s.getMapper(HostCustomerMapper.class).findById(customerId))
                    .map(HostCustomersImpl::toCustomer);
        }
    }

    @Override
    public Optional<Customer> findByCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        try (SqlSession s = factory.openSession()) {
            return Optional.ofNullable(s.getMapper(HostCustomerMapper.class).findByCode(code.trim()))
                    .map(HostCustomersImpl::toCustomer);
        }
    }

    @Override
    public Map<String, Long> idsByCodes(Collection<String> codes) {
        Map<String, Long> ids = new HashMap<>();
        List<String> all = new ArrayList<>(codes);
        try (SqlSession s = factory.openSession()) {
            HostCustomerMapper m = s.getMapper(HostCustomerMapper.class);
            for (int i = 0; i < all.size(); i += IN_LIST_CHUNK) {
                for (HostCustomerMapper.CodeId row : m.idsByCodes(all.subList(i, Math.min(all.size(), i + IN_LIST_CHUNK)))) {
                    ids.put(row.code(), row.id());
                }
            }
        }
        return ids;
    }

    @Override
    public long count() {
        try (SqlSession s = factory.openSession()) {
            return s.getMapper(HostCustomerMapper.class).count();
        }
    }

    @Override
    public List<CustomerCategory> categories() {
        try (SqlSession s = factory.openSession()) {
            return s.getMapper(HostCustomerMapper.class).categories();
        }
    }

    private HostCustomerMapper mapper(HostTransaction tx) {
        return tx.mapper(factory, HostCustomerMapper.class);
    }

    private static void expectOne(int updated, String what, long id) {
        if (updated != 1) {
            throw new org.wanglai.api.NotFoundException(what, String.valueOf(id));
        }
    }

    @Override
    public void updateCategory(HostTransaction tx, long customerId, Long categoryId) {
        expectOne(mapper(tx).updateCategory(customerId, categoryId), "customer", customerId);
    }

    @Override
    public void updateCreditStatus(HostTransaction tx, long customerId, CreditStatus status) {
        expectOne(mapper(tx).updateCreditStatus(customerId, String.valueOf(status.code())), "customer", customerId);
    }

    @Override
    public void updateCreditLimit(HostTransaction tx, long customerId, BigDecimal limit) {
        expectOne(mapper(tx).updateCreditLimit(customerId, limit), "customer", customerId);
    }

    @Override
    public void updatePaymentTerm(HostTransaction tx, long customerId, String termCode) {
        if (termCode == null || termCode.isBlank()) {
            throw new ValidationException("termCode", "payment term code is required");
        }
        HostCustomerMapper m = mapper(tx);
        Long termId = m.paymentTermIdByCode(termCode.trim());
        if (termId == null) {
            throw new ValidationException("termCode", "no payment term with code '" + termCode.trim() + "'");
        }
        expectOne(m.updatePaymentTerm(customerId, termId), "customer", customerId);
    }

    @Override
    public long insertCategory(HostTransaction tx, CustomerCategory category) {
        HostCustomerMapper m = mapper(tx);
        long id = m.nextCategoryId();
        m.insertCategory(id, category);
        return id;
    }

    @Override
    public void updateCategoryNode(HostTransaction tx, CustomerCategory category) {
        expectOne(mapper(tx).updateCategoryNode(category), "category", category.id());
    }

    @Override
    public void deleteCategory(HostTransaction tx, long categoryId) {
        expectOne(mapper(tx).deleteCategory(categoryId), "category", categoryId);
    }
}
