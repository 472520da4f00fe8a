package org.wanglai.api.notify;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to deliver notifications, registered as a service with property {@code wanglai.channel} = its id
 * ({@code email}, {@code inapp}, ...).
 */
@ConsumerType
public interface DeliveryChannel {
    String PROPERTY = "wanglai.channel";

    String id();

    /** Whether this channel can reach {@code recipient} (e.g. email needs an address or a user with one). */
    boolean accepts(String recipient);

    /**
     * Delivers the notification or throws; a channel that has already delivered {@code notification.key()}
     * returns without sending again.
     */
    void deliver(Notification notification) throws Exception;
}
