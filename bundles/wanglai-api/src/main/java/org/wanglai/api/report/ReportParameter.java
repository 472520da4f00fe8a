package org.wanglai.api.report;

import java.util.List;
import java.util.Objects;

import org.wanglai.api.LocalizedText;

/**
 * A parameter of a report. {@code defaultValue} is in the parameter's text form ({@code today} is allowed for
 * DATE, {@code current} for MONTH); choices apply to CHOICE parameters.
 */
public record ReportParameter(String id, LocalizedText label, ParameterType type, boolean required,
        String defaultValue, List<Choice> choices) {

    public ReportParameter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static ReportParameter of(String id, String zh, String en, ParameterType type, boolean required,
            String defaultValue) {
        return new ReportParameter(id, LocalizedText.of(zh, en), type, required, defaultValue, List.of());
    }

    public static ReportParameter choice(String id, String zh, String en, String defaultValue, Choice... choices) {
        return new ReportParameter(id, LocalizedText.of(zh, en), ParameterType.CHOICE, true, defaultValue,
                List.of(choices));
    }

    /** One allowed value of a CHOICE parameter. */
    public record Choice(String value, LocalizedText label) {
        public static Choice of(String value, String zh, String en) {
            return new Choice(value, LocalizedText.of(zh, en));
        }
    }
}
