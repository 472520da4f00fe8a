package org.wanglai.api.credit;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What a host adapter calls instead of the {@link CreditControl} service itself: it follows the service as it comes
 * and goes (the credit bundle is hot-deployable) and, while no service is present or the service fails, answers
 * with the configured policy through {@link CreditDecision#unavailable} instead of throwing.
 */
public final class CreditGate implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CreditGate.class.getName());

    private final ServiceTracker<CreditControl, CreditControl> tracker;
    private final boolean allowWhenUnavailable;

    /**
     * @param allowWhenUnavailable the policy: {@code true} lets documents pass (with a warning) while credit control
     *        is unavailable, {@code false} blocks them
     */
    public CreditGate(BundleContext context, boolean allowWhenUnavailable) {
        this.tracker = new ServiceTracker<>(context, CreditControl.class, null);
        this.allowWhenUnavailable = allowWhenUnavailable;
        tracker.open();
    }

    public boolean available() {
        return tracker.getService() != null;
    }

    /** The service's decision, or the unavailable policy's; never throws for a well-formed request. */
    public CreditDecision check(CreditCheckRequest request) {
        CreditControl control = tracker.getService();
        if (control != null) {
            try {
                return control.check(request);
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Credit check of {0} {1} for customer {2} failed, applying the "
                        + "unavailable policy: {3}", request.documentType(), request.documentNo(), request.customerId(),
                        e.toString());
            }
        }
        return CreditDecision.unavailable(request.amount(), allowWhenUnavailable);
    }

    @Override
    public void close() {
        tracker.close();
    }
}
