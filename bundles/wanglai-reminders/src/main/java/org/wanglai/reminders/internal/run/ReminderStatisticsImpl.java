package org.wanglai.reminders.internal.run;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.Period;
import org.wanglai.api.reminders.ReminderStatistics;
import org.wanglai.reminders.internal.db.RemindersStore;
import org.wanglai.reminders.internal.db.Rows;

/** Reminder counts for other capabilities (e.g. cost-to-serve), one GROUP BY per call. */
@Component
public final class ReminderStatisticsImpl implements ReminderStatistics {
    private final RemindersStore store;

    @Activate
    public ReminderStatisticsImpl(@Reference RemindersStore store) {
        this.store = store;
    }

    @Override
    public Map<Long, Long> remindersSentByCustomer(Period period) {
        Map<Long, Long> out = new HashMap<>();
        for (Rows.CountRow r : store.tx(m -> m.sentByCustomer(period.from(), period.to()))) {
            out.put(r.customerId, r.count);
        }
        return out;
    }

    @Override
    public Map<Long, Integer> highestOpenLevelByCustomer() {
        Map<Long, Integer> out = new HashMap<>();
        for (Rows.CountRow r : store.tx(m -> m.highestOpenLevel())) {
            out.put(r.customerId, (int) r.count);
        }
        return out;
    }
}
