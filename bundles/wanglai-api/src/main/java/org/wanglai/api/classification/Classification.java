package org.wanglai.api.classification;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Customer classification as a service. Reads are set-based (one query); runs compute every requested dimension
 * for every requested customer and either only report the moves ({@link #preview}) or write them in one transaction
 * ({@link #apply}).
 */
@ProviderType
public interface Classification {

    /** Customer id to the current value code of {@code dimension} (e.g. {@code value_tier}), for every classified customer. */
    Map<Long, String> valuesOf(String dimension);

    /** The current value code of one customer in one dimension. */
    Optional<String> valueOf(long customerId, String dimension);

    /** Every dimension with its method and allowed values, in display order. */
    List<Dimension> dimensions();

    /** Computes what a run would change, writing nothing. */
    RunOutcome preview(RunRequest request, RunListener listener);

    /**
     * Computes and writes a run in one transaction: assignments, the host category where a dimension decides it,
     * and one history row per change. Customers locked in a dimension are left alone in it. When the listener
     * throws, or the run is cancelled, nothing is written.
     *
     * @throws RunCancelledException when cancelled
     */
    RunOutcome apply(RunRequest request, RunListener listener);

    /**
     * Computes what a run would change, writing nothing, with the fingerprint of exactly those changes for
     * {@link #applyPreviewed}.
     *
     * @since 1.1
     */
    RunPreview previewWithFingerprint(RunRequest request, RunListener listener);

    /**
     * Like {@link #apply}, but only when the run makes exactly the changes of the preview with {@code fingerprint}
     * (see {@link RunPreview}); otherwise nothing is written.
     *
     * @throws StalePreviewException when the changes differ from the previewed ones
     * @throws RunCancelledException when cancelled
     * @since 1.1
     */
    RunOutcome applyPreviewed(RunRequest request, RunListener listener, String fingerprint);

    /** Asks the run in progress (if any) to stop; it rolls back. Returns whether a run was in progress. */
    boolean cancel();

    /** The run in progress, if any. */
    Optional<RunProgress> progress();

    /** Why a customer has each of its values: metrics, computed value, reason, lock. */
    CustomerExplanation explain(long customerId, java.time.LocalDate asOf);

    /** Every change of one customer's values, newest first. */
    List<HistoryEntry> history(long customerId);

    /** Sets a manual override lock: the value is written now and runs leave it alone until unlocked. */
    void lock(long customerId, String dimension, String value, String reason, String user);

    /** Removes a manual override lock; the next run decides the value again. */
    void unlock(long customerId, String dimension, String user);
}
