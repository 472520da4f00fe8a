package org.wanglai.logging.internal;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forwards entries of the OSGi log (Declarative Services, the framework, FileInstall) to SLF4J. */
@Component(immediate = true)
public final class LogServiceBridge implements LogListener {
    private final LogReaderService reader;

    @Activate
    public LogServiceBridge(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Deactivate
    void close() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        Bundle bundle = entry.getBundle();
        String source = bundle != null && bundle.getSymbolicName() != null ? bundle.getSymbolicName() : "osgi";
        Logger log = LoggerFactory.getLogger("osgi." + source);
        String message = entry.getServiceReference() != null
                ? entry.getMessage() + " [" + entry.getServiceReference() + "]"
                : entry.getMessage();
        Throwable t = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> log.error(message, t);
            case WARN -> log.warn(message, t);
            case INFO -> log.info(message, t);
            case DEBUG -> log.debug(message, t);
            default -> log.trace(message, t);
        }
    }
}
