package org.wanglai.api.credit;

import java.util.Objects;

import org.wanglai.api.LocalizedText;

/**
 * Why a check warned or blocked. {@code code} is stable for programs (e.g. {@code credit.would-exceed-limit},
 * {@code credit.status-stop}, {@code credit.overdue-days}); {@code message} names the figures for people.
 */
public record CreditReason(String code, LocalizedText message) {
    public CreditReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
