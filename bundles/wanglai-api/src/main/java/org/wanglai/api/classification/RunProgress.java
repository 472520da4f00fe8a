package org.wanglai.api.classification;

import java.time.Instant;

/** The run in progress: who started it, when, its phase and how far it is. */
public record RunProgress(String user, String trigger, boolean apply, Instant started, String phase, long done,
        long total) {
}
