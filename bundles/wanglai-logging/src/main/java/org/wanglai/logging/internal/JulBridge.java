package org.wanglai.logging.internal;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends java.util.logging records (Liquibase, SPI Fly, FileInstall) to SLF4J while this bundle runs, in place of
 * the JVM's console handler.
 */
@Component(immediate = true)
public final class JulBridge extends Handler {
    private final java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
    private final Handler[] replaced;

    @Activate
    public JulBridge() {
        replaced = root.getHandlers();
        for (Handler h : replaced) {
            root.removeHandler(h);
        }
        root.addHandler(this);
    }

    @Deactivate
    void restore() {
        root.removeHandler(this);
        for (Handler h : replaced) {
            root.addHandler(h);
        }
    }

    @Override
    public void publish(LogRecord r) {
        if (r == null || !isLoggable(r)) {
            return;
        }
        Logger log = LoggerFactory.getLogger(r.getLoggerName() == null ? "jul" : r.getLoggerName());
        String message = format(r);
        int level = r.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) {
            log.error(message, r.getThrown());
        } else if (level >= Level.WARNING.intValue()) {
            log.warn(message, r.getThrown());
        } else if (level >= Level.INFO.intValue()) {
            log.info(message, r.getThrown());
        } else if (level >= Level.FINE.intValue()) {
            log.debug(message, r.getThrown());
        } else {
            log.trace(message, r.getThrown());
        }
    }

    private static String format(LogRecord r) {
        String message = r.getMessage();
        Object[] params = r.getParameters();
        if (message == null || params == null || params.length == 0) {
            return message;
        }
        try {
            return java.text.MessageFormat.format(message, params);
        } catch (IllegalArgumentException e) {
            return message;
        }
    }

    @Override
    public void flush() {
        // SLF4J appenders flush themselves
    }

    @Override
    public void close() {
        // nothing held
    }
}
