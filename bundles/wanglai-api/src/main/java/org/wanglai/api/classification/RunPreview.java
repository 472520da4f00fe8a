package org.wanglai.api.classification;

import java.util.Objects;

/**
 * A preview and the fingerprint of its exact set of changes (SHA-256 over every customer, dimension, old and new
 * value, hex): {@link Classification#applyPreviewed} writes a run only when it would make exactly these changes.
 */
public record RunPreview(RunOutcome outcome, String fingerprint) {
    public RunPreview {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
