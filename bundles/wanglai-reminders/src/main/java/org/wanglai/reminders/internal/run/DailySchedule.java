package org.wanglai.reminders.internal.run;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.reminders.internal.db.RemindersStore;

/**
 * The daily run and the resume/retry loop. Once a day at {@code dailyTime} one container (the one that claims the
 * day's row in wl_rem_daily) proposes a run, and with {@code dailyAutoSend} approves and sends it. Every minute, and
 * right after start, runs interrupted by a stop or a crash are resumed and failed deliveries whose time has come are
 * retried, under the cluster lock.
 */
@Component(service = DailySchedule.class, configurationPid = Settings.PID, immediate = true)
public final class DailySchedule {
    private static final Logger LOG = LoggerFactory.getLogger(DailySchedule.class);

    private final ReminderService service;
    private final RemindersStore store;
    private final Settings settings;
    private final LocalTime time;
    private final ScheduledExecutorService executor;

    @Activate
    public DailySchedule(@Reference ReminderService service, @Reference RemindersStore store, Settings settings) {
        this.service = service;
        this.store = store;
        this.settings = settings;
        if (settings.dailyTime().isBlank()) {
            this.time = null;
        } else {
            try {
                this.time = LocalTime.parse(settings.dailyTime().trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("dailyTime: expected HH:mm, was '" + settings.dailyTime() + "'");
            }
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wanglai-reminders-schedule");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, 0, 60, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            service.resumeAll();
            if (time != null && !LocalTime.now().isBefore(time)) {
                daily(LocalDate.now());
            }
        } catch (RuntimeException e) {
            LOG.error("Reminder schedule failed", e);
        }
    }

    /** Runs the day's reminder run unless another container (or an earlier tick) already did. */
    public boolean daily(LocalDate day) {
        boolean mine;
        try {
            mine = store.tx(m -> m.claimDay(day, service.instance())) == 1;
        } catch (RuntimeException e) {
            mine = false; // a concurrent container inserted the day first
        }
        if (!mine) {
            return false;
        }
        ReminderService.Proposal p = service.propose(day, "schedule", "daily run");
        store.tx(m -> m.setDailyRun(day, p.runId()));
        LOG.info("Daily reminder run {} for {}: {} customers, {} items", p.runId(), day, p.customers(), p.items());
        if (settings.dailyAutoSend() && p.items() > 0) {
            service.approve(p.runId(), "schedule");
            service.send(p.runId());
        }
        return true;
    }

}
