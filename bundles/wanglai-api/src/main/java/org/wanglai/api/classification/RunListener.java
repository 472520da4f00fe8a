package org.wanglai.api.classification;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Follows a run: phases {@code METRICS}, {@code CLASSIFY}, {@code WRITE}. Throwing from {@link #progress} aborts the
 * run; an apply then rolls back completely.
 */
@FunctionalInterface
@ConsumerType
public interface RunListener {
    RunListener NONE = (phase, done, total) -> {
    };

    void progress(String phase, long done, long total);
}
