package org.wanglai.api.reminders;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.wanglai.api.Period;

/** What the reminders capability has done, read set-based (one SQL statement per call). */
@ProviderType
public interface ReminderStatistics {

    /**
     * Customer id to the number of reminder items (one open item at one level) sent in {@code period}; customers
     * without any are absent.
     */
    Map<Long, Long> remindersSentByCustomer(Period period);

    /**
     * Customer id to the highest reminder level sent on an item that is still open today (SAP's "highest dunning
     * level" rule); customers without such an item are absent.
     */
    Map<Long, Integer> highestOpenLevelByCustomer();
}
