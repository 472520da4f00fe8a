package org.wanglai.it.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.ValidationException;
import org.wanglai.api.classification.Classification;
import org.wanglai.api.classification.CustomerExplanation;
import org.wanglai.api.classification.RunOutcome;
import org.wanglai.api.classification.RunRequest;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.host.HostTopics;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.it.support.SqlFixture;
import org.wanglai.it.support.TestDatabase;

/**
 * The classification capability over the hand-computed fixture (fixtures/classification.sql), as of 2026-06-30 with
 * a 12-month window: metrics, every method, preview and apply, locks, atomicity, the category tree, reports and
 * event-driven re-classification. The methods run in order: each builds on the runs of the earlier ones.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassificationIT {
    @InjectBundleContext
    BundleContext ctx;

    Classification cls;
    HostCustomers customers;

    @BeforeEach
    void setUp(@InjectService ConfigurationAdmin cm) throws Exception {
        cls = Capability.ensure(ctx, cm);
        customers = TestDatabase.await(ctx, HostCustomers.class, 10_000);
    }

    private RunRequest all() {
        return new RunRequest(Capability.AS_OF, 12, List.of(), Set.of(), "tester", "MANUAL");
    }

    private long id(String code) {
        return customers.findByCode(code).orElseThrow().id();
    }

    @Test
    @Order(1)
    void metricsAreComputedInOnePassAsHandComputed() {
        CustomerExplanation a = cls.explain(id("A001"), Capability.AS_OF);
        Map<String, Object> m = a.metrics();
        assertThat(a.windowFrom()).isEqualTo(java.time.LocalDate.of(2025, 7, 1));
        // Invoices 201 + 202 in the window; 203 (a day before) and 204 (voided) do not count.
        assertThat((BigDecimal) m.get("revenue")).isEqualByComparingTo("1300000.00");
        assertThat((BigDecimal) m.get("margin")).isEqualByComparingTo("400000.00");
        assertThat((BigDecimal) m.get("orders")).isEqualByComparingTo("12");
        assertThat((BigDecimal) m.get("avg_order_value")).isEqualByComparingTo("100000.00");
        assertThat((BigDecimal) m.get("days_since_last_order")).isEqualByComparingTo("15");
        assertThat((BigDecimal) m.get("trend")).isEqualByComparingTo("1.1667");
        assertThat((BigDecimal) m.get("late_share")).isEqualByComparingTo("0.5000");
        assertThat((BigDecimal) m.get("avg_days_late")).isEqualByComparingTo("11.0");
        assertThat(m.get("region")).isEqualTo("华东");

        Map<String, Object> b = cls.explain(id("B002"), Capability.AS_OF).metrics();
        assertThat((BigDecimal) b.get("revenue")).isEqualByComparingTo("300000.00");
        assertThat((BigDecimal) b.get("margin")).isEqualByComparingTo("60000.00");
        assertThat((BigDecimal) b.get("orders")).as("the voided order is ignored").isEqualByComparingTo("3");
        assertThat((BigDecimal) b.get("trend")).isEqualByComparingTo("0.5000");
        // 211 unpaid since 2025-08-31 (303 days late), 213 paid 2 days late, 212 on time.
        assertThat((BigDecimal) b.get("invoices_due")).isEqualByComparingTo("3");
        assertThat((BigDecimal) b.get("late_share")).isEqualByComparingTo("0.6667");
        assertThat((BigDecimal) b.get("avg_days_late")).isEqualByComparingTo("152.5");

        Map<String, Object> c = cls.explain(id("C003"), Capability.AS_OF).metrics();
        assertThat((BigDecimal) c.get("revenue")).as("empty window").isEqualByComparingTo("0");
        assertThat((BigDecimal) c.get("days_since_last_order")).isEqualByComparingTo("902");
        assertThat(c).doesNotContainKeys("avg_order_value", "trend", "late_share");

        Map<String, Object> d = cls.explain(id("D004"), Capability.AS_OF).metrics();
        assertThat((BigDecimal) d.get("tenure_days")).as("never ordered: from creation").isEqualByComparingTo("60");
    }

    @Test
    @Order(2)
    void previewWritesNothingThenApplyWritesEveryMethodsAnswer() throws Exception {
        org.wanglai.api.classification.RunPreview previewed = cls.previewWithFingerprint(all(), null);
        RunOutcome preview = previewed.outcome();
        assertThat(previewed.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(cls.preview(all(), null).changes()).isEqualTo(preview.changes());
        assertThat(preview.runId()).isZero();
        assertThat(preview.customers()).isEqualTo(4);
        assertThat(preview.transitions()).anySatisfy(t -> {
            assertThat(t.dimension()).isEqualTo("value_tier");
            assertThat(t.from()).isNull();
            assertThat(t.to()).isEqualTo("NORMAL");
            assertThat(t.customers()).isEqualTo(2);
            assertThat(t.examples()).containsExactlyInAnyOrder("C003", "D004");
        });
        assertThat(cls.valuesOf("value_tier")).isEmpty();

        // Another preview's fingerprint (no changes at all) does not match what the run would do: nothing written.
        String noChanges = cls.previewWithFingerprint(new RunRequest(Capability.AS_OF, 12, List.of(), Set.of(-1L),
                "tester", "MANUAL"), null).fingerprint();
        assertThatThrownBy(() -> cls.applyPreviewed(all(), null, noChanges))
                .isInstanceOf(org.wanglai.api.classification.StalePreviewException.class);
        assertThat(cls.valuesOf("value_tier")).isEmpty();
        assertThatThrownBy(() -> cls.applyPreviewed(all(), null, "not-a-fingerprint")).isInstanceOf(ValidationException.class);

        List<String> phases = new ArrayList<>();
        RunOutcome run = cls.applyPreviewed(all(), (phase, done, total) -> phases.add(phase), previewed.fingerprint());
        assertThat(run.runId()).isPositive();
        assertThat(run.changes()).isEqualTo(preview.changes());
        assertThat(phases).contains("METRICS", "CLASSIFY", "WRITE", "COMMIT");

        assertThat(cls.valuesOf("value_tier")).containsExactlyInAnyOrderEntriesOf(
                Map.of(id("A001"), "VIP", id("B002"), "MAJOR", id("C003"), "NORMAL", id("D004"), "NORMAL"));
        assertThat(cls.valuesOf("frequency")).containsEntry(id("A001"), "HIGH").containsEntry(id("B002"), "LOW");
        assertThat(cls.valuesOf("amount")).containsEntry(id("A001"), "LARGE").containsEntry(id("B002"), "LARGE")
                .containsEntry(id("C003"), "SMALL");
        // RFM among the two active customers: A001 R3 F3 M3, B002 R1 F1 M1; the others had no orders.
        assertThat(cls.valuesOf("rfm")).containsExactlyInAnyOrderEntriesOf(Map.of(id("A001"), "IMPORTANT_VALUE",
                id("B002"), "GENERAL_RETAIN", id("C003"), "INACTIVE", id("D004"), "INACTIVE"));
        // Weighted: A001 100, B002 0.9 × 2/3 = 60, C003 and D004 0.
        assertThat(cls.valuesOf("weighted_class")).containsExactlyInAnyOrderEntriesOf(Map.of(id("A001"), "CORE",
                id("B002"), "POTENTIAL", id("C003"), "GENERAL", id("D004"), "GENERAL"));
        assertThat(cls.valuesOf("lifecycle")).containsExactlyInAnyOrderEntriesOf(Map.of(id("A001"), "MATURE",
                id("B002"), "DECLINE", id("C003"), "DECLINE", id("D004"), "INTRO"));
        assertThat(cls.valuesOf("region")).containsEntry(id("B002"), "华南");
        assertThat(cls.valuesOf("cluster")).hasSize(4);
        assertThat(cls.valuesOf("credit_grade")).as("no credit bundle: skipped").isEmpty();
        assertThat(cls.valueOf(id("A001"), "value_tier")).contains("VIP");
        assertThat(cls.history(id("A001"))).anySatisfy(h -> {
            assertThat(h.dimension()).isEqualTo("value_tier");
            assertThat(h.newValue()).isEqualTo("VIP");
            assertThat(h.reason()).contains("revenue_12m >= 1000000");
            assertThat(h.runId()).isEqualTo(run.runId());
            assertThat(h.user()).isEqualTo("tester");
        });
        cardsEqualTheRun(run.runId());
        CustomerExplanation e = cls.explain(id("B002"), Capability.AS_OF);
        assertThat(e.dimensions()).anySatisfy(x -> {
            assertThat(x.dimension()).isEqualTo("weighted_class");
            assertThat(x.reason()).contains("score 60.00");
        });

        assertThat(cls.apply(all(), null).changes()).as("a second run changes nothing").isZero();

        // The shell: the preview prints its fingerprint, the apply takes it.
        String shown = Capability.command(ctx, "clspreview", Capability.AS_OF.toString());
        java.util.regex.Matcher fp = java.util.regex.Pattern.compile("fingerprint: ([0-9a-f]{64})").matcher(shown);
        assertThat(fp.find()).as(shown).isTrue();
        assertThat(fp.group(1)).isEqualTo(noChanges);
        assertThat(Capability.command(ctx, "clsapply", Capability.AS_OF.toString(), previewed.fingerprint()))
                .startsWith("not applied: the data changed since the preview");
        assertThat(Capability.command(ctx, "clsapply", Capability.AS_OF.toString(), fp.group(1))).contains("applied")
                .contains("0 changes");
    }

    /**
     * The customer card computes one customer against cached population statistics; it must say what the full run
     * wrote: for every customer and every dimension the run set (all of them, the run started from nothing), the
     * card's computed value and reason equal the run's history row. Asked twice: the second time from the cache.
     */
    private void cardsEqualTheRun(long runId) {
        for (int pass = 0; pass < 2; pass++) {
            for (String code : List.of("A001", "B002", "C003", "D004")) {
                long cid = id(code);
                Map<String, org.wanglai.api.classification.HistoryEntry> written = new java.util.HashMap<>();
                cls.history(cid).stream().filter(h -> h.runId() == runId).forEach(h -> written.put(h.dimension(), h));
                assertThat(written).as("dimensions the run set for %s", code).containsKeys("value_tier", "rfm",
                        "weighted_class", "cluster", "lifecycle");
                CustomerExplanation card = cls.explain(cid, Capability.AS_OF);
                for (CustomerExplanation.Explained x : card.dimensions()) {
                    org.wanglai.api.classification.HistoryEntry h = written.get(x.dimension());
                    if (h == null) {
                        // The run changed nothing here: it computed nothing or what was there already.
                        if (x.computed() != null) {
                            assertThat(x.computed()).as("%s %s unchanged", code, x.dimension()).isEqualTo(x.current());
                        }
                        continue;
                    }
                    assertThat(x.computed()).as("%s %s value", code, x.dimension()).isEqualTo(h.newValue());
                    assertThat(x.current()).as("%s %s current", code, x.dimension()).isEqualTo(h.newValue());
                    assertThat(h.reason()).as("%s %s reason", code, x.dimension())
                            .isEqualTo(x.reason().length() <= 400 ? x.reason() : x.reason().substring(0, 399) + "…");
                }
            }
        }
    }

    @Test
    @Order(3)
    void locksAreLeftAlone() throws Exception {
        cls.lock(id("C003"), "value_tier", "VIP", "strategic account", "tester");
        assertThat(cls.valueOf(id("C003"), "value_tier")).contains("VIP");
        RunOutcome o = cls.apply(all(), null);
        assertThat(o.lockedSkipped()).isEqualTo(1);
        assertThat(cls.valueOf(id("C003"), "value_tier")).contains("VIP");
        assertThat(cls.explain(id("C003"), Capability.AS_OF).dimensions()).anySatisfy(x -> {
            assertThat(x.dimension()).isEqualTo("value_tier");
            assertThat(x.locked()).isTrue();
            assertThat(x.computed()).isEqualTo("NORMAL");
            assertThat(x.lockReason()).contains("strategic account");
        });
        assertThatThrownBy(() -> cls.lock(id("C003"), "value_tier", "GOLD", "x", "tester")).isInstanceOf(ValidationException.class);
        cls.unlock(id("C003"), "value_tier", "tester");
        cls.apply(all(), null);
        assertThat(cls.valueOf(id("C003"), "value_tier")).contains("NORMAL");
    }

    @Test
    @Order(4)
    void applyIsAtomicWhenItFailsAtTheVeryEnd() throws Exception {
        Capability.command(ctx, "clsruleset", "value_tier",
                new String[] { "revenue_12m >= 1000000 and orders_12m >= 12 => VIP", "revenue_12m >= 250000 => VIP" });
        Capability.command(ctx, "clsruleset", "category", new String[] { "revenue_12m >= 1000000 => 0102" });
        assertThatThrownBy(() -> Capability.command(ctx, "clsruleset", "value_tier", new String[] { "revnue > 1 => VIP" }))
                .isInstanceOfSatisfying(ValidationException.class,
                        v -> assertThat(v.errors().get(0).message()).contains("at position 1").contains("did you mean revenue"));
        Map<Long, String> before = cls.valuesOf("value_tier");
        int historyBefore = cls.history(id("B002")).size();
        assertThatThrownBy(() -> cls.apply(all(), (phase, done, total) -> {
            if ("COMMIT".equals(phase)) {
                throw new IllegalStateException("injected failure after every write");
            }
        })).hasMessageContaining("injected failure");
        assertThat(cls.valuesOf("value_tier")).isEqualTo(before);
        assertThat(cls.history(id("B002"))).hasSize(historyBefore);
        assertThat(customers.find(id("A001")).orElseThrow().categoryId()).as("host category untouched").isEqualTo(2L);
        assertThat(cls.progress()).isEmpty();

        RunOutcome ok = cls.apply(all(), null);
        assertThat(cls.valueOf(id("B002"), "value_tier")).contains("VIP");
        assertThat(customers.find(id("A001")).orElseThrow().categoryId()).isEqualTo(3L);
        assertThat(ok.transitions()).anySatisfy(t -> {
            assertThat(t.dimension()).isEqualTo("category");
            assertThat(t.from()).isEqualTo("0101");
            assertThat(t.to()).isEqualTo("0102");
        });
    }

    @Test
    @Order(5)
    void categoryTreeFollowsTheCodingRule() throws Exception {
        assertThatThrownBy(() -> Capability.command(ctx, "clscatadd", "01", "010", "坏", "Bad"))
                .isInstanceOfSatisfying(ValidationException.class, v -> assertThat(v.getMessage()).contains("a level-2 code has 4 characters"));
        assertThatThrownBy(() -> Capability.command(ctx, "clscatadd", "0101", "010101", "子", "Sub"))
                .hasMessageContaining("customers attach to leaf categories only");
        assertThatThrownBy(() -> Capability.command(ctx, "clscatdel", "0102")).hasMessageContaining("has 1 customers");
        assertThatThrownBy(() -> Capability.command(ctx, "clscatdel", "01")).hasMessageContaining("has sub-categories");
        assertThatThrownBy(() -> Capability.command(ctx, "clscatadd", "-", "01", "重复", "Dup")).hasMessageContaining("exists already");
        Capability.command(ctx, "clscatadd", "-", "04", "新客户", "New");
        Capability.command(ctx, "clscatadd", "04", "0401", "新客户A", "New A");
        String moved = Capability.command(ctx, "clscatmove", "04", "03");
        assertThat(moved).startsWith("04 is now 0304");
        assertThat(customers.categories()).extracting(c -> c.code()).contains("0304", "030401").doesNotContain("04", "0401");
        assertThatThrownBy(() -> Capability.command(ctx, "clscatmove", "03", "030401")).hasMessageContaining("under itself");
        assertThatThrownBy(() -> Capability.command(ctx, "clscodingrule", "2-2")).hasMessageContaining("allows 2 levels");
        Capability.command(ctx, "clscatdel", "030401");
        Capability.command(ctx, "clscatdel", "0304");
        assertThat(Capability.command(ctx, "clstree")).contains("0102 重点批发 / Key wholesale  [1 customers]");
    }

    @Test
    @Order(6)
    void reportsStreamHandComputedRows() {
        Map<String, Object> p = Map.of("dimension", "value_tier", "asOf", Capability.AS_OF, "months", 12L);
        List<Object[]> rows = run("classification.summary", p);
        // After the last run: A001 and B002 are VIP (1,600,000 revenue, 460,000 margin), C003 and D004 NORMAL.
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)[0]).isEqualTo("VIP");
        assertThat(rows.get(0)[2]).isEqualTo(2L);
        assertThat(((org.wanglai.api.Money) rows.get(0)[4]).amount()).isEqualByComparingTo("1600000.00");
        assertThat(((org.wanglai.api.Money) rows.get(0)[5]).amount()).isEqualByComparingTo("460000.00");
        assertThat((BigDecimal) rows.get(0)[6]).isEqualByComparingTo("1");
        assertThat((BigDecimal) rows.get(0)[3]).isEqualByComparingTo("0.5");

        List<Object[]> pareto = run("classification.pareto", Map.of("asOf", Capability.AS_OF, "months", 12L));
        assertThat(pareto).hasSize(4);
        assertThat(pareto.get(0)[1]).isEqualTo("A001");
        assertThat((BigDecimal) pareto.get(0)[6]).isEqualByComparingTo("0.8125");
        assertThat(pareto.get(0)[8]).isEqualTo("A");
        assertThat(pareto.get(1)[8]).isEqualTo("B");
        assertThat((BigDecimal) pareto.get(1)[6]).isEqualByComparingTo("1");

        List<Object[]> list = run("classification.customers", Map.of("asOf", Capability.AS_OF, "months", 12L));
        assertThat(list).hasSize(4);
        assertThat(list.get(0)[0]).isEqualTo("A001");
        assertThat(java.util.Arrays.asList(list.get(0))).contains("VIP客户", "重要价值客户", "核心客户");

        List<Object[]> grid = run("classification.rfm-grid", Map.of("dimension", "rfm"));
        assertThat(grid).extracting(r -> r[2] + ":" + r[3]).containsExactly("R3F3:1", "R1F1:1");

        List<Object[]> migration = run("classification.migration", Map.of("dimension", "value_tier"));
        assertThat(migration).extracting(r -> r[2] + ":" + r[3]).contains("大客户 → VIP客户:1");

        List<Object[]> history = run("classification.history", Map.of("customer", "C003"));
        assertThat(history).anySatisfy(r -> assertThat(String.valueOf(r[5])).contains("manual lock: strategic account"));

        assertThat(run("classification.tree", Map.of())).extracting(r -> (String) r[0]).contains("01", "0101", "0102", "02", "0201", "03");
    }

    private List<Object[]> run(String reportId, Map<String, Object> params) {
        Report r = Capability.report(ctx, reportId);
        assertThat(r).as(reportId).isNotNull();
        List<Object[]> rows = new ArrayList<>();
        r.run(new ReportQuery(params, java.util.Locale.SIMPLIFIED_CHINESE, "tester"), rows::add);
        for (Object[] row : rows) {
            assertThat(row).hasSize(r.definition().columns().size());
        }
        return rows;
    }

    @Test
    @Order(7)
    void aPostedInvoiceReclassifiesItsCustomerWithinSeconds(@InjectService EventAdmin events,
            @InjectService HostDatabase db) throws Exception {
        // D004 invoices 300,000 today: over the 250,000 VIP threshold of the window that ends today.
        SqlFixture.execute(db, "INSERT INTO erp_invoice (id, doc_no, customer_id, invoice_date, payment_term_id, currency, grand_total, status, is_paid, in_dispute) "
                + "VALUES (901, 'INV-D1', 4, CURRENT_DATE, 1, 'CNY', 300000, 'CO', FALSE, FALSE);\n");
        assertThat(cls.valueOf(id("D004"), "value_tier")).contains("NORMAL");
        long before = System.nanoTime();
        events.postEvent(new Event(HostTopics.INVOICE_POSTED, Map.of(HostTopics.PROP_CUSTOMER_ID, id("D004"),
                HostTopics.PROP_DOCUMENT_ID, 901L, HostTopics.PROP_DOCUMENT_NO, "INV-D1")));
        TestDatabase.waitUntil(() -> cls.valueOf(id("D004"), "value_tier").filter("VIP"::equals).isPresent(), 20_000,
                "D004 re-classified");
        long millis = (System.nanoTime() - before) / 1_000_000;
        assertThat(millis).isLessThan(20_000);
        assertThat(cls.history(id("D004")).get(0).newValue()).isEqualTo("VIP");
        assertThat(Capability.command(ctx, "clsruns")).contains("EVENT");
        System.out.println("event-driven re-classification of one customer took " + millis + " ms");
    }
}
