package org.wanglai.classification.internal.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.wanglai.api.ValidationException;
import org.wanglai.api.classification.RunOutcome;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.db.ClsMapper;

/** Request parsing and JSON shapes shared by the classification endpoints. */
final class ClsWeb {
    static final Messages MESSAGES = new Messages();

    /** Identifiers users send in paths: whitelisted before they reach a query. */
    private static final Pattern CUSTOMER_CODE = Pattern.compile("[\\p{L}\\p{N}_.-]{1,40}");
    private static final Pattern DIMENSION_ID = Pattern.compile("[a-z][a-z0-9_]{1,29}");
    private static final Pattern VALUE_CODE = Pattern.compile("[\\p{L}\\p{N}_.-]{1,40}");
    private static final Pattern CATEGORY_CODE = Pattern.compile("[\\p{L}\\p{N}]{1,40}");

    private ClsWeb() {
    }

    /** The path remainder split at '/', empty segments dropped. */
    static String[] parts(ApiRequest r) {
        String rest = r.pathRemainder();
        return rest == null || rest.isBlank() ? new String[0]
                : java.util.Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    static String customerCode(ApiRequest r, String text) {
        return checked(r, text, CUSTOMER_CODE, "customer", "customer.code");
    }

    static String dimensionId(ApiRequest r, String text) {
        return checked(r, text, DIMENSION_ID, "dimension", "dimension.id");
    }

    static String valueCode(ApiRequest r, String text) {
        return checked(r, text, VALUE_CODE, "value", "value.code");
    }

    static String categoryCode(ApiRequest r, String text) {
        return checked(r, text, CATEGORY_CODE, "code", "category.code");
    }

    private static String checked(ApiRequest r, String text, Pattern p, String field, String key) {
        if (text == null || !p.matcher(text).matches()) {
            throw new ValidationException(field, MESSAGES.get(r.locale(), key));
        }
        return text;
    }

    static LocalDate date(ApiRequest r, String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException("asOf", MESSAGES.get(r.locale(), "date.invalid", shorten(text)));
        }
    }

    static String label(Catalog catalog, String dimension, String code, Locale locale) {
        return code == null ? null : catalog.label(dimension, code).in(locale);
    }

    static String dimensionName(ClsMapper.DimensionRow d, Locale locale) {
        return "zh".equals(locale.getLanguage()) ? d.nameZh() : d.nameEn();
    }

    /** A run's outcome with labels for the dimensions and values. */
    static Map<String, Object> outcome(RunOutcome o, Catalog catalog, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", o.runId());
        out.put("applied", o.applied());
        out.put("asOf", o.asOf());
        out.put("windowFrom", o.windowFrom());
        out.put("customers", o.customers());
        out.put("changes", o.changes());
        out.put("lockedSkipped", o.lockedSkipped());
        out.put("millis", o.millis());
        List<Object> moves = new ArrayList<>();
        for (RunOutcome.Transition t : o.transitions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dimension", t.dimension());
            m.put("dimensionName", catalog.find(t.dimension()).map(d -> dimensionName(d, locale)).orElse(t.dimension()));
            m.put("from", t.from());
            m.put("fromLabel", label(catalog, t.dimension(), t.from(), locale));
            m.put("to", t.to());
            m.put("toLabel", label(catalog, t.dimension(), t.to(), locale));
            m.put("customers", t.customers());
            m.put("examples", t.examples());
            moves.add(m);
        }
        out.put("moves", moves);
        return out;
    }

    static Map<String, Object> run(ClsMapper.RunRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("trigger", r.runTrigger());
        m.put("user", r.runUser());
        m.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        m.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        m.put("asOf", r.asOf());
        m.put("windowMonths", r.windowMonths());
        m.put("customers", r.customers());
        m.put("changes", r.changes());
        m.put("lockedSkipped", r.lockedSkipped());
        return m;
    }

    static String shorten(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
