package org.wanglai.web.internal.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.web.internal.Messages;

/**
 * Turns the text values of a report's parameters into their types ({@link org.wanglai.api.report.ParameterType}),
 * applying defaults ({@code today}, {@code current}) and reporting every problem at once, each naming its parameter.
 */
public final class ParameterParser {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    private final Messages messages;
    private final LocalDate today;
    private final Predicate<String> customerExists;
    private final Predicate<String> categoryExists;

    /**
     * @param customerExists checks a CUSTOMER code; {@code c -> true} when the host data service is not there
     * @param categoryExists checks a CATEGORY code likewise
     */
    public ParameterParser(Messages messages, LocalDate today, Predicate<String> customerExists,
            Predicate<String> categoryExists) {
        this.messages = messages;
        this.today = today;
        this.customerExists = customerExists;
        this.categoryExists = categoryExists;
    }

    public Map<String, Object> parse(ReportDefinition definition, Map<String, String> raw, Locale locale) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<ValidationError> errors = new ArrayList<>();
        for (ReportParameter p : definition.parameters()) {
            String text = raw.get(p.id());
            if (text == null || text.isBlank()) {
                text = p.defaultValue();
            }
            if (text == null || text.isBlank()) {
                if (p.required()) {
                    errors.add(new ValidationError(0, p.id(), messages.get(locale, "param.required", label(p, locale))));
                }
                continue;
            }
            try {
                values.put(p.id(), value(p, text.trim(), locale));
            } catch (IllegalArgumentException e) {
                errors.add(new ValidationError(0, p.id(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return values;
    }

    private Object value(ReportParameter p, String text, Locale locale) {
        String label = label(p, locale);
        switch (p.type()) {
            case DATE:
                if ("today".equals(text)) {
                    return today;
                }
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(messages.get(locale, "param.date", label, text));
                }
            case MONTH:
                if ("current".equals(text)) {
                    return YearMonth.from(today);
                }
                try {
                    return YearMonth.parse(text);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(messages.get(locale, "param.month", label, text));
                }
            case INTEGER:
                try {
                    return Long.valueOf(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(messages.get(locale, "param.integer", label, text));
                }
            case CHOICE:
                if (p.choices().stream().noneMatch(c -> c.value().equals(text))) {
                    throw new IllegalArgumentException(messages.get(locale, "param.choice", label, text,
                            String.join(", ", p.choices().stream().map(ReportParameter.Choice::value).toList())));
                }
                return text;
            case CUSTOMER:
                if (!CODE.matcher(text).matches() || !customerExists.test(text)) {
                    throw new IllegalArgumentException(messages.get(locale, "param.customer", label, text));
                }
                return text;
            case CATEGORY:
                if (!CODE.matcher(text).matches() || !categoryExists.test(text)) {
                    throw new IllegalArgumentException(messages.get(locale, "param.category", label, text));
                }
                return text;
            case TEXT:
            default:
                if (text.length() > 200) {
                    throw new IllegalArgumentException(messages.get(locale, "param.text", label, 200));
                }
                return text;
        }
    }

    private static String label(ReportParameter p, Locale locale) {
        return p.label().in(locale) + " (" + p.id() + ")";
    }
}
