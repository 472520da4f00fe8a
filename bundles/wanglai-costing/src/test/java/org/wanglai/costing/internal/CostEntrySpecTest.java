package org.wanglai.costing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wanglai.api.ValidationError;
import org.wanglai.api.imports.ImportRow;
import org.wanglai.api.imports.ParsedImport;

class CostEntrySpecTest {
    static final List<String> EN = List.of("Cost pool", "Channel", "Region", "Period", "Amount", "Currency",
            "Reference", "Description");
    static final List<String> ZH = List.of("成本池编码", "渠道编码", "区域编码", "期间", "金额", "币种", "参考号", "摘要");
    static final Map<String, Long> POOLS = Map.of("ORDER_HANDLING", 1L, "DELIVERY", 2L);
    static final Map<String, Long> CHANNELS = Map.of("ONLINE", 1L, "AGENT", 2L);
    static final Map<String, Long> REGIONS = Map.of("EAST", 1L, "SOUTH", 2L);

    /** A row as the import framework hands it over: the amount parsed, the texts as typed. */
    static ImportRow row(int n, String pool, String channel, String region, String period, String amount,
            String currency, String reference) {
        Map<String, Object> v = new HashMap<>();
        put(v, "pool", pool);
        put(v, "channel", channel);
        put(v, "region", region);
        put(v, "period", period);
        if (amount != null) {
            v.put("amount", new BigDecimal(amount));
        }
        put(v, "currency", currency);
        put(v, "reference", reference);
        List<String> raw = new ArrayList<>();
        for (String s : new String[] { pool, channel, region, period, amount, currency, reference, null }) {
            raw.add(s == null ? "" : s);
        }
        return new ImportRow(n, v, raw);
    }

    private static void put(Map<String, Object> v, String k, String s) {
        if (s != null) {
            v.put(k, s);
        }
    }

    static CostEntrySpec.Checked check(List<String> headers, ImportRow... rows) {
        return CostEntrySpec.check(new ParsedImport(CostEntrySpec.SPEC, headers, List.of(rows), List.of()), POOLS,
                CHANNELS, REGIONS, "CNY");
    }

    @Test
    void goodRowsBecomeEntriesWithTheHostIds() {
        CostEntrySpec.Checked c = check(EN, row(2, "ORDER_HANDLING", null, null, "2025-01", "120.5", "CNY", null),
                row(3, "delivery", "AGENT", "south", "2025-01-01", "80", "cny", "INV-7"),
                row(4, "DELIVERY", "AGENT", "SOUTH", "2025-02", "-30.25", "CNY", "INV-7"));
        assertThat(c.errors()).isEmpty();
        assertThat(c.rows()).extracting(CostImportMapper.EntryRow::rowNo, CostImportMapper.EntryRow::poolId,
                CostImportMapper.EntryRow::channelId, CostImportMapper.EntryRow::regionId,
                CostImportMapper.EntryRow::period, r -> r.amount().toPlainString(), CostImportMapper.EntryRow::currency)
                .containsExactly(tuple(2, 1L, null, null, LocalDate.of(2025, 1, 1), "120.50", "CNY"),
                        tuple(3, 2L, 2L, 2L, LocalDate.of(2025, 1, 1), "80.00", "CNY"),
                        tuple(4, 2L, 2L, 2L, LocalDate.of(2025, 2, 1), "-30.25", "CNY"));
    }

    @Test
    void everyBadCellIsNamedByRowAndTheColumnAsTheFileSpellsIt() {
        CostEntrySpec.Checked c = check(ZH, row(2, "TRAINING", null, null, "2025-01", "10", "CNY", null),
                row(3, "DELIVERY", "SHOP", "NORTH", "2025-13", "10.001", "XYZ", null),
                row(4, "DELIVERY", null, null, "2025-01-15", "0", "USD", null),
                row(5, "DELIVERY", null, null, "Jan 2025", "-5", "CNY", null));
        assertThat(c.errors()).extracting(ValidationError::row, ValidationError::field).containsExactlyInAnyOrder(
                tuple(2, "成本池编码"), tuple(3, "渠道编码"), tuple(3, "区域编码"), tuple(3, "期间"), tuple(3, "金额"),
                tuple(3, "币种"), tuple(4, "期间"), tuple(4, "金额"), tuple(4, "币种"), tuple(5, "期间"),
                tuple(5, "参考号"));
        assertThat(c.errors()).filteredOn(e -> e.row() == 4 && e.field().equals("币种")).singleElement()
                .extracting(ValidationError::message).asString().contains("USD is not CNY");
        assertThat(c.errors()).filteredOn(e -> e.row() == 3 && e.field().equals("金额")).singleElement()
                .extracting(ValidationError::message).asString().contains("at most 2 decimals");
        assertThat(c.errors()).filteredOn(e -> e.row() == 5 && e.field().equals("参考号")).singleElement()
                .extracting(ValidationError::message).asString().contains("correction");
    }

    @Test
    void aRowRepeatingPoolChannelRegionPeriodAndReferenceNamesTheFirst() {
        CostEntrySpec.Checked c = check(EN, row(2, "DELIVERY", null, "EAST", "2025-01", "10", "CNY", "A-1"),
                row(3, "DELIVERY", null, "EAST", "2025-01", "10", "CNY", "a-1"),
                row(4, "DELIVERY", null, "EAST", "2025-01", "10", "CNY", "A-2"),
                row(5, "DELIVERY", "ONLINE", "EAST", "2025-01", "10", "CNY", "A-1"),
                row(6, "ORDER_HANDLING", null, null, "2025-03", "1", "CNY", null),
                row(7, "ORDER_HANDLING", null, null, "2025-03", "2", "CNY", null));
        assertThat(c.errors()).extracting(ValidationError::row, ValidationError::field, ValidationError::message)
                .containsExactly(tuple(3, "Reference", "same cost pool, channel, region, period and reference as row 2"),
                        tuple(7, "Reference", "same cost pool, channel, region, period and reference as row 6"));
    }

    @Test
    void aMonthIsYearDashMonthOrTheFirstDayOfIt() {
        assertThat(CostEntrySpec.month("2025-1")).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(CostEntrySpec.month("2025-12-01")).isEqualTo(LocalDate.of(2025, 12, 1));
        assertThat(CostEntrySpec.month("2025-12-02")).isNull();
        assertThat(CostEntrySpec.month("2025-00")).isNull();
        assertThat(CostEntrySpec.month("25-01")).isNull();
        assertThat(CostEntrySpec.iso("eur")).isEqualTo("EUR");
        assertThat(CostEntrySpec.iso("EURO")).isNull();
        assertThat(CostEntrySpec.iso("ABC")).isNull();
    }
}
