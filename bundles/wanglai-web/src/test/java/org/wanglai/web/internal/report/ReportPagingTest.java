package org.wanglai.web.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.wanglai.api.Money;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.ValidationException;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.web.internal.Messages;

class ReportPagingTest {

    static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.text("code", "编码", "Code"),
            ReportColumn.of("n", "数量", "Count", ColumnType.INTEGER, true),
            ReportColumn.of("amount", "金额", "Amount", ColumnType.MONEY, true));

    /** Rows C00000..C(n-1) with n = i % 7 and amount = i.50 CNY, except every tenth in USD. */
    static void stream(int count, RowWindow sink) {
        for (int i = 0; i < count; i++) {
            sink.row(new Object[] {String.format("C%05d", i), (long) (i % 7),
                    Money.of(i + ".50", i % 10 == 0 ? "USD" : "CNY")});
        }
    }

    @Test
    void unsortedPageKeepsOnlyThePageAndCountsEverything() {
        RowWindow w = new RowWindow(COLUMNS, null, null, 20, 5, Locale.ENGLISH);
        stream(10_000, w);
        assertThat(w.total()).isEqualTo(10_000);
        assertThat(w.rows()).extracting(r -> r[0]).containsExactly("C00020", "C00021", "C00022", "C00023", "C00024");
        assertThat(w.maxHeld()).isEqualTo(5);
    }

    @Test
    void sortedPageHoldsAtMostOffsetPlusLimitRows() {
        Comparator<Object[]> byN = Cells.rowOrder(1, true, Locale.ENGLISH);
        RowWindow w = new RowWindow(COLUMNS, byN, null, 10, 5, Locale.ENGLISH);
        stream(10_000, w);
        assertThat(w.maxHeld()).isLessThanOrEqualTo(15);
        assertThat(w.total()).isEqualTo(10_000);
        // n = 6 for i = 6, 13, 20, ...: descending by n, ties in stream order
        assertThat(w.rows()).extracting(r -> r[0]).containsExactly("C00076", "C00083", "C00090", "C00097", "C00104");

        List<Object[]> all = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            all.add(new Object[] {String.format("C%05d", i), (long) (i % 7), Money.of(i + ".50", i % 10 == 0 ? "USD" : "CNY")});
        }
        all.sort(byN); // stable: the expected order
        assertThat(w.rows()).extracting(r -> r[0]).containsExactlyElementsOf(
                all.subList(10, 15).stream().map(r -> r[0]).toList());
    }

    @Test
    void ascendingMoneyAndNullsLast() {
        RowWindow w = new RowWindow(COLUMNS, Cells.rowOrder(2, false, Locale.ENGLISH), null, 0, 3, Locale.ENGLISH);
        w.row(new Object[] {"X", 1L, null});
        stream(30, w);
        assertThat(w.rows()).extracting(r -> r[0]).containsExactly("C00001", "C00002", "C00003");
        RowWindow d = new RowWindow(COLUMNS, Cells.rowOrder(2, true, Locale.ENGLISH), null, 0, 40, Locale.ENGLISH);
        d.row(new Object[] {"X", 1L, null});
        stream(30, d);
        assertThat(d.rows().get(d.rows().size() - 1)[0]).as("empty cells last when descending too").isEqualTo("X");
    }

    @Test
    void filterAppliesBeforeCountingPagingAndTotals() {
        RowWindow w = new RowWindow(COLUMNS, null, "c0001", 0, 50, Locale.ENGLISH);
        stream(200, w);
        // C00010..C00019
        assertThat(w.total()).isEqualTo(10);
        Object[] totals = w.totalsRow();
        assertThat(totals[1]).isEqualTo((long) (3 + 4 + 5 + 6 + 0 + 1 + 2 + 3 + 4 + 5));
        @SuppressWarnings("unchecked")
        List<Money> byCurrency = (List<Money>) totals[2];
        assertThat(byCurrency).containsExactly(Money.of("139.50", "CNY"), Money.of("10.50", "USD"));
    }

    @Test
    void parametersAreParsedPerTypeWithDefaultsAndNamedErrors() {
        Messages messages = new Messages(getClass().getClassLoader());
        ParameterParser parser = new ParameterParser(messages, LocalDate.of(2026, 6, 30), c -> c.equals("C0001"), c -> false);
        ReportDefinition def = new ReportDefinition("test.report", "test", LocalizedText.of("测试", "Test"), null,
                List.of(ReportParameter.of("asOf", "截止日", "As of", ParameterType.DATE, true, "today"),
                        ReportParameter.of("month", "月份", "Month", ParameterType.MONTH, false, "current"),
                        ReportParameter.of("top", "前 N", "Top", ParameterType.INTEGER, false, null),
                        ReportParameter.choice("basis", "口径", "Basis", "due",
                                ReportParameter.Choice.of("due", "到期", "Due"), ReportParameter.Choice.of("invoice", "开票", "Invoice")),
                        ReportParameter.of("customer", "客户", "Customer", ParameterType.CUSTOMER, false, null),
                        ReportParameter.of("note", "备注", "Note", ParameterType.TEXT, true, null)),
                COLUMNS, Optional.empty(), "viewer");

        Map<String, Object> v = parser.parse(def, Map.of("top", "10", "customer", "C0001", "note", "x"), Locale.ENGLISH);
        assertThat(v).containsEntry("asOf", LocalDate.of(2026, 6, 30)).containsEntry("month", YearMonth.of(2026, 6))
                .containsEntry("top", 10L).containsEntry("basis", "due").containsEntry("customer", "C0001")
                .containsEntry("note", "x");

        assertThatThrownBy(() -> parser.parse(def, Map.of("asOf", "30.06.2026", "top", "ten", "basis", "cash",
                "customer", "C9999"), Locale.ENGLISH))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).extracting(x -> x.field())
                            .containsExactly("asOf", "top", "basis", "customer", "note");
                    assertThat(e.errors().get(0).message()).contains("As of (asOf)").contains("30.06.2026");
                    assertThat(e.errors().get(2).message()).contains("due, invoice");
                });
        assertThatThrownBy(() -> parser.parse(def, Map.of("asOf", "x", "note", "n"), Locale.SIMPLIFIED_CHINESE))
                .hasMessageContaining("截止日 (asOf)").hasMessageContaining("不是有效日期");
    }
}
