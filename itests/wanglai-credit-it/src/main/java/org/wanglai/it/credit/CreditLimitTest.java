package org.wanglai.it.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.CreditStatus;
import org.wanglai.api.DocumentType;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.credit.CreditAdmin;
import org.wanglai.api.credit.CreditAlert;
import org.wanglai.api.credit.CreditCheckRequest;
import org.wanglai.api.credit.CreditDecision.Outcome;
import org.wanglai.it.support.SqlFixture;
import org.wanglai.it.support.TestDatabase;

/** Limits: history, approval by a second user, temporary increases and their expiry, category defaults, stop. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CreditLimitTest {

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    CreditIt.Env env;

    @BeforeEach
    void up() throws Exception {
        env = CreditIt.up(ctx, cm);
    }

    private BigDecimal hostLimit(long customer) throws Exception {
        return new BigDecimal(CreditIt.scalarString(env.db(), "SELECT credit_limit FROM erp_customer WHERE id = ?", customer));
    }

    @Test
    void largeRaisesWaitForASecondUsersApproval() throws Exception {
        CreditAdmin admin = env.admin();
        CreditAdmin.LimitChange small = admin.setLimit(11, new BigDecimal("80000"), "alice", "more business");
        assertThat(small.pending()).isFalse();
        assertThat(hostLimit(11)).isEqualByComparingTo("80000");

        CreditAdmin.LimitChange big = admin.setLimit(11, new BigDecimal("150000"), "alice", "large project");
        assertThat(big.pending()).isTrue();
        assertThat(big.oldLimit()).isEqualTo(Money.of("80000", "CNY"));
        assertThat(hostLimit(11)).as("not in effect before approval").isEqualByComparingTo("80000");
        assertThat(env.control().exposure(11).orElseThrow().limit()).isEqualTo(Money.of("80000", "CNY"));
        assertThat(admin.pendingRequests()).anyMatch(r -> r.id() == big.requestId() && r.requestedBy().equals("alice"));

        assertThatThrownBy(() -> admin.approve(big.requestId(), "alice", "ok")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("approver").hasMessageContaining("second user");
        CreditAdmin.LimitChange approved = admin.approve(big.requestId(), "bob", "checked the contract");
        assertThat(approved.newLimit()).isEqualTo(Money.of("150000", "CNY"));
        assertThat(hostLimit(11)).isEqualByComparingTo("150000");
        assertThat(env.control().exposure(11).orElseThrow().limit()).isEqualTo(Money.of("150000", "CNY"));
        assertThatThrownBy(() -> admin.approve(big.requestId(), "carol", "again")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("APPROVED");

        // lowering never waits; a negative limit is refused and changes nothing
        assertThat(admin.setLimit(11, new BigDecimal("120000"), "alice", "reduce").pending()).isFalse();
        assertThatThrownBy(() -> admin.setLimit(11, new BigDecimal("-1"), "alice", "x")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> admin.setLimit(11, new BigDecimal("1"), "alice", " ")).isInstanceOf(ValidationException.class);
        assertThat(hostLimit(11)).isEqualByComparingTo("120000");

        List<Object[]> history = CreditIt.rows(ctx, "credit.limit-history", Map.of("customer", "C011"));
        assertThat(history).hasSize(3); // newest first
        assertThat(history.get(0)[4]).isEqualTo(Money.of("150000", "CNY"));
        assertThat(history.get(0)[5]).isEqualTo(Money.of("120000", "CNY"));
        assertThat(history.get(1)[5]).isEqualTo(Money.of("150000", "CNY"));
        assertThat(history.get(1)[6]).isEqualTo("alice");
        assertThat(history.get(1)[7]).isEqualTo("bob");
        assertThat(history.get(1)[8]).isEqualTo("large project");
        assertThat(history.get(2)[4]).isEqualTo(Money.of("50000", "CNY"));
    }

    @Test
    void temporaryIncreaseCountsUntilItExpires() throws Exception {
        CreditAdmin admin = env.admin();
        assertThat(env.control().exposure(12).orElseThrow().status()).isEqualTo(CreditStatus.WATCH);
        assertThatThrownBy(() -> admin.addTemporaryIncrease(12, new BigDecimal("500"), LocalDate.of(2026, 6, 29), "alice",
                "too late")).isInstanceOf(ValidationException.class).hasMessageContaining("validTo");
        Money limit = admin.addTemporaryIncrease(12, new BigDecimal("500"), LocalDate.of(2026, 6, 30), "alice", "season");
        assertThat(limit).isEqualTo(Money.of("1500.00", "CNY"));
        assertThat(env.control().exposure(12).orElseThrow().status()).isEqualTo(CreditStatus.OK);
        assertThat(env.control().check(CreditCheckRequest.of(12, DocumentType.ORDER, 12001, "SO12001",
                Money.of("400", "CNY"), "clerk")).outcome()).isEqualTo(Outcome.PASS); // 1350 = 90% of 1500
        // an increase that ended yesterday does not count after the next reconciliation
        SqlFixture.execute(env.db(), "INSERT INTO wl_cr_temp_limit (customer_id, amount, currency, valid_from, valid_to, "
                + "reason, created_by, created_at) VALUES (12, 9000, 'CNY', DATE '2026-06-01', DATE '2026-06-29', 'old', "
                + "'alice', TIMESTAMP '2026-06-01 10:00:00')");
        env.admin().reconcile();
        assertThat(env.control().exposure(12).orElseThrow().limit()).isEqualTo(Money.of("1500.00", "CNY"));
        assertThat(CreditIt.scalarLong(env.db(),
                "SELECT COUNT(*) FROM wl_cr_limit_history WHERE customer_id = 12 AND kind = 'TEMPORARY'")).isEqualTo(1);
    }

    @Test
    void categoryDefaultNoCheckAndStop() throws Exception {
        CreditAdmin admin = env.admin();
        assertThat(env.control().exposure(6).orElseThrow().status()).isEqualTo(CreditStatus.NO_CHECK);
        admin.setCategoryRule(3, new BigDecimal("2000"), new BigDecimal("50"), "alice");
        assertThat(env.control().exposure(6).orElseThrow().limit()).isEqualTo(Money.of("2000.00", "CNY"));
        assertThat(env.control().check(CreditCheckRequest.of(6, DocumentType.ORDER, 6001, "SO6001",
                Money.of("1000.01", "CNY"), "clerk")).outcome()).isEqualTo(Outcome.WARN); // over 50% of 2000
        assertThatThrownBy(() -> admin.setCategoryRule(3, null, new BigDecimal("150"), "alice"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("watchPercent");

        admin.setNoCheck(14, true, "key account", "alice");
        assertThat(env.control().exposure(14).orElseThrow().status()).isEqualTo(CreditStatus.NO_CHECK);
        admin.setNoCheck(14, false, "back to normal", "alice");
        assertThat(env.control().exposure(14).orElseThrow().status()).isEqualTo(CreditStatus.OK);

        env.control().setStop(2, true, "reminder level 3", "reminders");
        assertThat(env.control().exposure(2).orElseThrow().status()).isEqualTo(CreditStatus.STOP);
        assertThat(CreditIt.scalarString(env.db(), "SELECT credit_status FROM erp_customer WHERE id = 2").trim()).isEqualTo("S");
        assertThat(env.control().check(CreditCheckRequest.of(2, DocumentType.INVOICE, 2001, "INV2001",
                Money.of("1", "CNY"), "clerk")).outcome()).isEqualTo(Outcome.BLOCK);
        TestDatabase.waitUntil(() -> admin.openAlerts(100).stream()
                .anyMatch(a -> a.customerId() == 2 && a.type().equals("STATUS")), 10_000, "status alert");
        CreditAlert alert = admin.openAlerts(100).stream().filter(a -> a.customerId() == 2 && a.type().equals("STATUS"))
                .findFirst().orElseThrow();
        assertThat(alert.message().en()).contains("C002").contains("STOP");
        assertThat(alert.message().zh()).contains("信用状态");
        admin.acknowledge(alert.id(), "alice");
        assertThat(admin.openAlerts(100)).noneMatch(a -> a.id() == alert.id());
        env.control().setStop(2, false, "paid", "alice");
        assertThat(env.control().exposure(2).orElseThrow().status()).isEqualTo(CreditStatus.WATCH);
        assertThat(CreditIt.scalarLong(env.db(),
                "SELECT COUNT(*) FROM wl_cr_status_history WHERE customer_id = 2 AND changed_by = 'reminders'")).isEqualTo(1);
    }
}
