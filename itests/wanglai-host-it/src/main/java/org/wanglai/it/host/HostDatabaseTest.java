package org.wanglai.it.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.it.support.TestDatabase;
import org.wanglai.api.CreditStatus;
import org.wanglai.api.Customer;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationException;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.host.HostDatabase;

@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class HostDatabaseTest {

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    HostDatabase db;
    HostCustomers customers;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.configure(ctx, cm);
        customers = TestDatabase.await(ctx, HostCustomers.class, 30_000);
    }

    @Test
    void connectsToTheDatabaseThisRunTests() {
        assertThat(db.databaseId()).isEqualTo(TestDatabase.kind(ctx));
        assertThat(db.profile()).isEqualTo("reference");
        assertThat(db.relations()).containsEntry("wl.customer", "erp_customer").containsKey("wl.invoice_pay_schedule");
    }

    @Test
    void readsTheHostCustomerMaster() {
        assertThat(customers.count()).isGreaterThan(20);
        Customer first = customers.find(firstCustomerId()).orElseThrow();
        assertThat(customers.findByCode(first.code())).contains(first);
        assertThat(first.creditLimit().currencyCode()).hasSize(3);
        Map<String, Long> ids = customers.idsByCodes(List.of(first.code(), "NO-SUCH-CODE"));
        assertThat(ids).containsOnly(Map.entry(first.code(), first.id()));
        assertThat(customers.find(-1)).isEmpty();
        assertThat(customers.categories()).isNotEmpty().allSatisfy(c -> assertThat(c.code()).isNotBlank());
    }

    @Test
    void writesOfOneOperationCommitTogetherOrNotAtAll() {
        long id = firstCustomerId();
        CreditStatus before = customers.find(id).orElseThrow().creditStatus();
        CreditStatus other = before == CreditStatus.WATCH ? CreditStatus.HOLD : CreditStatus.WATCH;

        assertThatThrownBy(() -> db.inTransaction(tx -> {
            customers.updateCreditStatus(tx, id, other);
            customers.updateCreditLimit(tx, id, new BigDecimal("123.45"));
            customers.updateCreditStatus(tx, -42, other); // unknown customer: the whole operation fails
            return null;
        })).isInstanceOf(NotFoundException.class).hasMessageContaining("-42");
        assertThat(customers.find(id).orElseThrow().creditStatus()).isEqualTo(before);

        db.inTransaction(tx -> {
            customers.updateCreditStatus(tx, id, other);
            return null;
        });
        assertThat(customers.find(id).orElseThrow().creditStatus()).isEqualTo(other);
        db.inTransaction(tx -> {
            customers.updateCreditStatus(tx, id, before);
            return null;
        });
    }

    @Test
    void paymentTermIsSetByCodeAndBadInputIsRejectedNamingTheField() {
        long id = firstCustomerId();
        Long before = customers.find(id).orElseThrow().paymentTermId();
        Map<String, Long> terms = db.inTransaction(tx -> {
            Map<String, Long> out = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "SELECT code, id FROM erp_payment_term ORDER BY code"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1).trim(), rs.getLong(2));
                }
            }
            return out;
        });
        Map.Entry<String, Long> target = terms.entrySet().stream().filter(e -> !e.getValue().equals(before))
                .findFirst().orElseThrow();

        db.inTransaction(tx -> {
            customers.updatePaymentTerm(tx, id, target.getKey());
            return null;
        });
        assertThat(customers.find(id).orElseThrow().paymentTermId()).isEqualTo(target.getValue());

        assertThatThrownBy(() -> db.inTransaction(tx -> {
            customers.updatePaymentTerm(tx, -42, target.getKey());
            return null;
        })).isInstanceOf(NotFoundException.class).hasMessageContaining("-42");
        // an unknown code fails the whole operation: the credit limit written before it is rolled back too
        BigDecimal limit = customers.find(id).orElseThrow().creditLimit().amount();
        assertThatThrownBy(() -> db.inTransaction(tx -> {
            customers.updateCreditLimit(tx, id, new BigDecimal("4321.00"));
            customers.updatePaymentTerm(tx, id, "NO-SUCH-TERM");
            return null;
        })).isInstanceOf(ValidationException.class).hasMessageContaining("termCode")
                .hasMessageContaining("NO-SUCH-TERM");
        assertThat(customers.find(id).orElseThrow().paymentTermId()).isEqualTo(target.getValue());
        assertThat(customers.find(id).orElseThrow().creditLimit().amount()).isEqualByComparingTo(limit);

        db.inTransaction(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "UPDATE erp_customer SET payment_term_id = ? WHERE id = ?")) {
                ps.setObject(1, before);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Test
    void pluginTablesAreMigratedFromTheOwningBundleAndJoinTheHostTransaction() throws Exception {
        db.migrate(getClass().getClassLoader(), "db/it-changelog.xml");
        db.migrate(getClass().getClassLoader(), "db/it-changelog.xml"); // idempotent
        long id = firstCustomerId();
        assertThatThrownBy(() -> db.inTransaction(tx -> {
            try (PreparedStatement ps = tx.connection()
                    .prepareStatement("INSERT INTO wl_it_note (id, customer_id, note) VALUES (1, ?, 'x')")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            customers.updateCategory(tx, -7, null);
            return null;
        })).isInstanceOf(NotFoundException.class);
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM wl_it_note")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rolled back plug-in row").isZero();
        }
    }

    @Test
    void aChangedChangelogIsAppliedAgainAndItsDigestRecorded() throws Exception {
        Path dir = Files.createTempDirectory("wl-changelog");
        Path file = dir.resolve("db/it-evolving-changelog.xml");
        Files.createDirectories(file.getParent());
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog "
                + "https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n"
                + "  <changeSet id=\"it-evolving-1\" author=\"wanglai\"><createTable tableName=\"wl_it_evolving\">"
                + "<column name=\"id\" type=\"BIGINT\"><constraints primaryKey=\"true\"/></column>"
                + "</createTable></changeSet>\n";
        String v2 = head + "  <changeSet id=\"it-evolving-2\" author=\"wanglai\"><addColumn tableName=\"wl_it_evolving\">"
                + "<column name=\"note\" type=\"VARCHAR(40)\"/></addColumn></changeSet>\n</databaseChangeLog>\n";
        try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() }, getClass().getClassLoader())) {
            Files.writeString(file, head + "</databaseChangeLog>\n");
            db.migrate(loader, "db/it-evolving-changelog.xml");
            db.migrate(loader, "db/it-evolving-changelog.xml"); // unchanged: the recorded digest short-cuts it
            Files.writeString(file, v2); // the same name with a new change set, as in an updated bundle
            db.migrate(loader, "db/it-evolving-changelog.xml");
        }
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement().executeUpdate("INSERT INTO wl_it_evolving (id, note) VALUES (" + System.nanoTime()
                    + ", 'v2 column')");
            try (PreparedStatement ps = c.prepareStatement("SELECT digest FROM wl_schema_digest WHERE changelog = ?")) {
                ps.setString(1, "db/it-evolving-changelog.xml");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1).trim()).isEqualTo(HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(v2.getBytes(StandardCharsets.UTF_8))));
                }
            }
        }
    }

    @Test
    void capabilityMappersUseProfileRelationsAndDatabaseIds() throws Exception {
        SqlSessionFactory f = db.sessionFactory(OpenItemsMapper.class);
        List<OpenItemsMapper.CurrencyAmount> open;
        try (SqlSession s = f.openSession()) {
            OpenItemsMapper m = s.getMapper(OpenItemsMapper.class);
            assertThat(m.dialect()).isEqualTo(db.databaseId());
            open = m.openReceivables();
        }
        assertThat(open).isNotEmpty();
        // the same figure computed the other way round: totals and allocations summed separately
        for (OpenItemsMapper.CurrencyAmount row : open) {
            BigDecimal invoiced = scalar("SELECT COALESCE(SUM(grand_total),0) FROM erp_invoice WHERE status IN ('CO','CL') AND currency = ?", row.currency());
            BigDecimal allocated = scalar("SELECT COALESCE(SUM(a.amount),0) FROM erp_allocation a JOIN erp_invoice i ON i.id = a.invoice_id WHERE i.status IN ('CO','CL') AND i.currency = ?", row.currency());
            assertThat(row.amount()).isEqualByComparingTo(invoiced.subtract(allocated));
            assertThat(row.amount()).isPositive();
        }
    }

    private BigDecimal scalar(String sql, String arg) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    private long firstCustomerId() {
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT MIN(id) FROM erp_customer")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
