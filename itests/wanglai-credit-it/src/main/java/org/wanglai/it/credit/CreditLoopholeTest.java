package org.wanglai.it.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
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

/**
 * The loopholes users of other ERPs reported: re-opening a document, copying it, splitting it, and two checks at the
 * same moment.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CreditLoopholeTest {

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    CreditIt.Env env;

    @BeforeEach
    void up() throws Exception {
        env = CreditIt.up(ctx, cm);
    }

    private CreditDecision order(long customer, long doc, String amount) {
        return env.control().check(CreditCheckRequest.of(customer, DocumentType.ORDER, doc, "SO" + doc,
                Money.of(amount, "CNY"), "clerk"));
    }

    @Test
    void reopenCopyAndSplitAreEachCheckedAgainstEverythingElse() {
        // C009: limit 1000, open order 209 of 300 already in the exposure
        assertThat(env.control().exposure(9).orElseThrow().total()).isEqualTo(Money.of("300.00", "CNY"));
        // re-opened order 209, raised to 350: counted once, with its new amount
        CreditDecision reopened = order(9, 209, "350");
        assertThat(reopened.outcome()).isEqualTo(Outcome.PASS);
        assertThat(reopened.exposure()).isEqualTo(Money.of("350.00", "CNY"));
        assertThat(env.control().exposure(9).orElseThrow().reserved()).isEqualTo(Money.of("50.00", "CNY"));
        // a copy of it is a new document: 350 + 700 > 1000
        CreditDecision copy = order(9, 290, "700");
        assertThat(copy.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(copy.exposure()).isEqualTo(Money.of("1050.00", "CNY"));
        // split into two halves of 600: the first passes (warned), the second sees the first
        assertThat(order(9, 291, "600").outcome()).isEqualTo(Outcome.WARN);
        CreditDecision secondHalf = order(9, 292, "600");
        assertThat(secondHalf.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(secondHalf.exposure()).isEqualTo(Money.of("1550.00", "CNY"));
        // checking the same document again does not add it twice
        assertThat(order(9, 291, "600").exposure()).isEqualTo(Money.of("950.00", "CNY"));
        assertThat(env.control().exposure(9).orElseThrow().reserved()).isEqualTo(Money.of("650.00", "CNY"));
        // a blocked re-check (amount raised) drops the document's earlier reservation
        assertThat(order(9, 291, "800").outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(env.control().exposure(9).orElseThrow().reserved()).isEqualTo(Money.of("50.00", "CNY"));
    }

    @Test
    void concurrentChecksCannotTogetherPassOverTheLimit() throws Exception {
        // C008: limit 1000, nothing open; 16 orders of 300 at the same moment: only 3 fit
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CreditDecision>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long doc = 8000 + i;
            futures.add(pool.submit(() -> {
                start.await();
                return order(8, doc, "300");
            }));
        }
        start.countDown();
        int passed = 0;
        for (Future<CreditDecision> f : futures) {
            if (f.get(30, TimeUnit.SECONDS).passes()) {
                passed++;
            }
        }
        pool.shutdown();
        assertThat(passed).isEqualTo(3);
        assertThat(env.control().exposure(8).orElseThrow().total()).isEqualTo(Money.of("900.00", "CNY"));
    }
}
