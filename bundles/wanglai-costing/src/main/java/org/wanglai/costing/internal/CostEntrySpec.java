package org.wanglai.costing.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.wanglai.api.LocalizedText;
import org.wanglai.api.ValidationError;
import org.wanglai.api.imports.ImportColumn;
import org.wanglai.api.imports.ImportRow;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;
import org.wanglai.api.report.ColumnType;

/**
 * What a cost entry file holds and the checks that need no database beyond the host's master codes: pool, channel
 * and region codes exist, the period is a month, the amount has at most two decimals and is not zero, a negative
 * amount (a correction) carries a reference, the currency is an ISO 4217 code and the one cost analysis runs in, and
 * no two rows share pool, channel, region, period and reference.
 */
final class CostEntrySpec {
    static final String POOL = "pool";
    static final String CHANNEL = "channel";
    static final String REGION = "region";
    static final String PERIOD = "period";
    static final String AMOUNT = "amount";
    static final String CURRENCY = "currency";
    static final String REFERENCE = "reference";
    static final String DESCRIPTION = "description";

    /** Largest amount of one entry (the plug-in table holds NUMERIC(18,2)). */
    static final BigDecimal LIMIT = new BigDecimal("1000000000000");

    static final ImportSpec SPEC = new ImportSpec("costing.cost-entries",
            LocalizedText.of("成本费用导入", "Cost entries"),
            List.of(text(POOL, "成本池编码", "Cost pool", true, 30),
                    text(CHANNEL, "渠道编码", "Channel", false, 20),
                    text(REGION, "区域编码", "Region", false, 20),
                    text(PERIOD, "期间", "Period", true, 10),
                    ImportColumn.number(AMOUNT, "金额", "Amount", ColumnType.MONEY, true, LIMIT.negate(), LIMIT),
                    text(CURRENCY, "币种", "Currency", true, 10),
                    text(REFERENCE, "参考号", "Reference", false, 60),
                    text(DESCRIPTION, "摘要", "Description", false, 200)),
            ImportSpec.DEFAULT_MAX_ROWS);

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})(?:-(\\d{1,2}))?");

    private CostEntrySpec() {
    }

    private static ImportColumn text(String id, String zh, String en, boolean required, int maxLength) {
        return new ImportColumn(id, LocalizedText.of(zh, en), ColumnType.TEXT, required, null, null, maxLength, false,
                false);
    }

    /** The rows that passed, and every problem found (including the parser's). */
    record Checked(List<CostImportMapper.EntryRow> rows, List<ValidationError> errors) {
    }

    /**
     * Checks every row of {@code parsed}; {@code pools}, {@code channels} and {@code regions} map the host's codes to
     * ids, {@code currency} is the one currency of cost analysis.
     */
    static Checked check(ParsedImport parsed, Map<String, Long> pools, Map<String, Long> channels,
            Map<String, Long> regions, String currency) {
        List<ValidationError> errors = new ArrayList<>(parsed.errors());
        Set<String> flagged = new HashSet<>();
        for (ValidationError e : errors) {
            flagged.add(e.row() + "/" + e.field());
        }
        Map<String, Integer> firstRow = new HashMap<>();
        List<CostImportMapper.EntryRow> rows = new ArrayList<>();
        for (ImportRow row : parsed.rows()) {
            int n = row.rowNumber();
            int before = errors.size();
            Long pool = code(row, POOL, pools, "cost pool", parsed, errors, flagged);
            Long channel = code(row, CHANNEL, channels, "channel", parsed, errors, flagged);
            Long region = code(row, REGION, regions, "region", parsed, errors, flagged);
            LocalDate period = null;
            String periodText = trimmed(row, PERIOD);
            if (periodText != null) {
                period = month(periodText);
                if (period == null) {
                    add(errors, flagged, n, header(parsed, PERIOD), "not a month (YYYY-MM): '" + periodText + "'");
                }
            }
            BigDecimal amount = row.get(AMOUNT, BigDecimal.class);
            String reference = trimmed(row, REFERENCE);
            if (amount != null) {
                if (amount.stripTrailingZeros().scale() > 2) {
                    add(errors, flagged, n, header(parsed, AMOUNT), "at most 2 decimals, was " + amount.toPlainString());
                } else if (amount.signum() == 0) {
                    add(errors, flagged, n, header(parsed, AMOUNT), "is 0: an entry of 0 changes nothing");
                } else if (amount.signum() < 0 && reference == null) {
                    add(errors, flagged, n, header(parsed, REFERENCE),
                            "a negative amount is a correction and needs the reference of what it corrects");
                }
            }
            String cur = trimmed(row, CURRENCY);
            if (cur != null) {
                String iso = iso(cur);
                if (iso == null) {
                    add(errors, flagged, n, header(parsed, CURRENCY), "not an ISO 4217 currency code: '" + cur + "'");
                } else if (!iso.equals(currency)) {
                    add(errors, flagged, n, header(parsed, CURRENCY),
                            iso + " is not " + currency + ": cost analysis runs in one currency");
                }
            }
            if (pool != null && period != null) {
                String key = pool + "/" + (channel == null ? 0 : channel) + "/" + (region == null ? 0 : region) + "/"
                        + period + "/" + (reference == null ? "" : reference.toUpperCase(Locale.ROOT));
                Integer first = firstRow.putIfAbsent(key, n);
                if (first != null) {
                    add(errors, flagged, n, header(parsed, REFERENCE), "same cost pool, channel, region, period and "
                            + "reference as row " + first);
                }
            }
            if (errors.size() == before && pool != null && period != null && amount != null && cur != null
                    && !flagged.contains(n + "/" + header(parsed, AMOUNT))) {
                rows.add(new CostImportMapper.EntryRow(n, pool, channel, region, period, currency, amount.setScale(2),
                        reference, trimmed(row, DESCRIPTION)));
            }
        }
        return new Checked(rows, errors);
    }

    /** {@code YYYY-MM}, or a date on the 1st (what a spreadsheet makes of a typed month); null otherwise. */
    static LocalDate month(String text) {
        Matcher m = MONTH.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            if (m.group(3) != null && Integer.parseInt(m.group(3)) != 1) {
                return null;
            }
            if (ym.getYear() < 1900 || ym.getYear() > 9999) {
                return null;
            }
            return ym.atDay(1);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    static String iso(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z]{3}")) {
            return null;
        }
        try {
            return Currency.getInstance(c).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The column's header as the file spells it (the error workbook marks that cell), else its English header. */
    static String header(ParsedImport parsed, String columnId) {
        for (ImportColumn col : SPEC.columns()) {
            if (col.id().equals(columnId)) {
                for (String h : parsed.headers()) {
                    String k = normalise(h);
                    if (k.equals(normalise(col.header().en())) || k.equals(normalise(col.header().zh()))) {
                        return h;
                    }
                }
                return col.header().en();
            }
        }
        throw new IllegalArgumentException(columnId);
    }

    /** As the import framework matches headers: without spaces, case or a trailing required-mark '*'. */
    private static String normalise(String header) {
        String s = header == null ? "" : header.replaceAll("[\\s\\u3000\\uFEFF]", "").toLowerCase(Locale.ROOT);
        while (s.endsWith("*") || s.endsWith("＊")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static Long code(ImportRow row, String column, Map<String, Long> ids, String what, ParsedImport parsed,
            List<ValidationError> errors, Set<String> flagged) {
        String code = trimmed(row, column);
        if (code == null) {
            return null;
        }
        Long id = ids.get(code.toUpperCase(Locale.ROOT));
        if (id == null) {
            add(errors, flagged, row.rowNumber(), header(parsed, column), "unknown " + what + " code '" + code + "'");
        }
        return id;
    }

    private static String trimmed(ImportRow row, String column) {
        String s = row.get(column, String.class);
        return s == null || s.isBlank() ? null : s.trim();
    }

    static void add(List<ValidationError> errors, Set<String> flagged, int row, String field, String message) {
        if (flagged.add(row + "/" + field)) {
            errors.add(new ValidationError(row, field, message));
        }
    }
}
