package org.wanglai.reminders.internal.channel;

import java.time.LocalDateTime;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.notify.DeliveryChannel;
import org.wanglai.api.notify.Notification;
import org.wanglai.reminders.internal.db.RemindersStore;

/**
 * The {@code inapp} delivery channel: a notification list per user (table wl_rem_inapp) shown in the web pages.
 * The key is unique, so a message is stored once whatever the retries.
 */
@Component(property = DeliveryChannel.PROPERTY + "=inapp")
public final class InAppChannel implements DeliveryChannel {
    private final RemindersStore store;

    @Activate
    public InAppChannel(@Reference RemindersStore store) {
        this.store = store;
    }

    @Override
    public String id() {
        return "inapp";
    }

    @Override
    public boolean accepts(String recipient) {
        return recipient != null && recipient.startsWith("user:") && recipient.length() > 5;
    }

    @Override
    public void deliver(Notification n) {
        if (!accepts(n.recipient())) {
            throw new IllegalArgumentException("inapp channel cannot reach '" + n.recipient() + "'");
        }
        store.tx(m -> {
            if (m.inAppCount(n.key()) == 0) {
                String subject = n.subject().length() > 300 ? n.subject().substring(0, 300) : n.subject();
                m.insertInApp(n.key(), n.recipient(), subject, n.body(), LocalDateTime.now());
            }
            return null;
        });
    }
}
