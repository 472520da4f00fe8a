package org.wanglai.classification.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.wanglai.api.host.HostTopics;

/**
 * Re-classifies the customer of a posted invoice or receipt or a completed order: the customer is queued and the
 * engine runs the queued customers together shortly after.
 */
@Component(property = { "event.topics=" + HostTopics.INVOICE_POSTED, "event.topics=" + HostTopics.RECEIPT_POSTED,
        "event.topics=" + HostTopics.ORDER_COMPLETED })
public final class ReclassifyOnEvents implements EventHandler {
    private final ClassificationEngine engine;

    @Activate
    public ReclassifyOnEvents(@Reference ClassificationEngine engine) {
        this.engine = engine;
    }

    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty(HostTopics.PROP_CUSTOMER_ID);
        if (id instanceof Number n) {
            engine.enqueue(n.longValue());
        } else if (id instanceof String s && s.matches("\\d{1,18}")) {
            engine.enqueue(Long.parseLong(s));
        }
    }
}
