package org.wanglai.excel.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.wanglai.api.CreditStatus;
import org.wanglai.api.Customer;
import org.wanglai.api.CustomerCategory;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.host.HostTransaction;

/** The customer codes a host knows, and every idsByCodes call made; the SQL side is tested in the itests. */
final class FakeCustomers implements HostCustomers {
    final Map<String, Long> known = new LinkedHashMap<>();
    final List<List<String>> lookups = new ArrayList<>();

    FakeCustomers(String... codes) {
        long id = 100;
        for (String c : codes) {
            known.put(c, id++);
        }
    }

    @Override
    public Map<String, Long> idsByCodes(Collection<String> codes) {
        lookups.add(List.copyOf(codes));
        Map<String, Long> found = new LinkedHashMap<>();
        for (String c : codes) {
            if (known.containsKey(c)) {
                found.put(c, known.get(c));
            }
        }
        return found;
    }

    @Override
    public Optional<Customer> find(long customerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Customer> findByCode(String code) {
        throw new UnsupportedOperationException("imports must look codes up in one set-based call");
    }

    @Override
    public long count() {
        return known.size();
    }

    @Override
    public List<CustomerCategory> categories() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateCategory(HostTransaction tx, long customerId, Long categoryId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateCreditStatus(HostTransaction tx, long customerId, CreditStatus status) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateCreditLimit(HostTransaction tx, long customerId, BigDecimal limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updatePaymentTerm(HostTransaction tx, long customerId, String termCode) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long insertCategory(HostTransaction tx, CustomerCategory category) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateCategoryNode(HostTransaction tx, CustomerCategory category) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void deleteCategory(HostTransaction tx, long categoryId) {
        throw new UnsupportedOperationException();
    }
}
