package org.wanglai.it.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.DocumentType;
import org.wanglai.api.Money;
import org.wanglai.api.credit.CreditCheckRequest;
import org.wanglai.api.credit.CreditDecision;
import org.wanglai.api.credit.CreditDecision.Outcome;
import org.wanglai.api.credit.CreditGate;
import org.wanglai.it.support.TestDatabase;

/**
 * Removes and re-adds the credit bundle through FileInstall while a host adapter keeps calling checks: the host
 * gets its "unavailable" policy while the bundle is gone and never an exception; services and reports vanish and
 * return; the bundle's tables keep their rows.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CreditHotDeployTest {

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    @Test
    void removeAndReAddWhileChecksAreCalled() throws Exception {
        CreditIt.Env env = CreditIt.up(ctx, cm);
        CreditDecision first = env.control().check(CreditCheckRequest.of(14, DocumentType.SHIPMENT, 14000, "SH14000",
                Money.of("10", "CNY"), "host"));
        assertThat(first.outcome()).isEqualTo(Outcome.PASS);
        CreditIt.rows(ctx, "credit.check-log", java.util.Map.of()); // flushes the log
        long logRows = CreditIt.scalarLong(env.db(), "SELECT COUNT(*) FROM wl_cr_check_log");
        long tables = CreditIt.scalarLong(env.db(), "SELECT COUNT(*) FROM wl_cr_status_history");

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        AtomicLong unavailable = new AtomicLong();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (CreditGate deny = new CreditGate(ctx, false)) {
            Thread host = new Thread(() -> {
                long doc = 14001;
                while (running.get()) {
                    try {
                        CreditDecision d = deny.check(CreditCheckRequest.of(14, DocumentType.SHIPMENT, doc++, "SH",
                                Money.of("10", "CNY"), "host"));
                        if (d.reasons().stream().anyMatch(r -> r.code().equals(CreditDecision.UNAVAILABLE))) {
                            assertThat(d.outcome()).isEqualTo(Outcome.BLOCK);
                            unavailable.incrementAndGet();
                        } else {
                            answered.incrementAndGet();
                        }
                        Thread.sleep(2);
                    } catch (Throwable t) {
                        thrown.compareAndSet(null, t);
                    }
                }
            }, "host-adapter");
            host.start();
            TestDatabase.waitUntil(() -> answered.get() > 20, 10_000, "checks answered");

            Files.delete(CreditIt.deployed(ctx));
            TestDatabase.waitUntil(() -> CreditIt.bundle(ctx).isEmpty() && !deny.available()
                    && !CreditIt.hasReport(ctx, "credit.monitor"), 30_000, "credit bundle removed");
            TestDatabase.waitUntil(() -> unavailable.get() > 20, 10_000, "checks answered by the policy");
            try (CreditGate allow = new CreditGate(ctx, true)) {
                CreditDecision d = allow.check(CreditCheckRequest.of(14, DocumentType.ORDER, 1, "SO1", Money.of("1", "CNY"), "host"));
                assertThat(d.outcome()).isEqualTo(Outcome.WARN);
                assertThat(d.reasons().get(0).message().zh()).contains("不可用");
            }

            CreditIt.deploy(ctx);
            CreditIt.Env again = CreditIt.up(ctx, cm);
            assertThat(CreditIt.report(ctx, "credit.monitor")).isNotNull();
            long before = answered.get();
            TestDatabase.waitUntil(() -> answered.get() > before + 20, 20_000, "checks answered again");
            running.set(false);
            host.join(5_000);

            assertThat(thrown.get()).as("the host never saw an exception").isNull();
            assertThat(again.control().exposure(14).orElseThrow().total()).isEqualTo(Money.of("3000.00", "CNY"));
            CreditIt.rows(ctx, "credit.check-log", java.util.Map.of());
            assertThat(CreditIt.scalarLong(again.db(), "SELECT COUNT(*) FROM wl_cr_check_log"))
                    .as("the check log survived and grew").isGreaterThan(logRows);
            assertThat(CreditIt.scalarLong(again.db(), "SELECT COUNT(*) FROM wl_cr_status_history"))
                    .isGreaterThanOrEqualTo(tables);
            assertThat(List.of(first.checkId())).allMatch(id -> id > 0);
        } finally {
            running.set(false);
            CreditIt.deploy(ctx);
        }
    }
}
