package org.wanglai.reminders.internal.run;

/**
 * A channel cannot tell whether an earlier attempt of this message reached the recipient (the container stopped
 * between handing it over and recording it). The delivery is not repeated automatically: it is marked UNCERTAIN for
 * a person to check, so that nothing is ever sent twice.
 */
public class UncertainDeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    public UncertainDeliveryException(String message) {
        super(message);
    }
}
