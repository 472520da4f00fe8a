package org.wanglai.reminders.internal.channel;

import java.time.LocalDateTime;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.notify.DeliveryChannel;
import org.wanglai.api.notify.Notification;
import org.wanglai.reminders.internal.db.RemindersStore;
import org.wanglai.reminders.internal.run.UncertainDeliveryException;

/**
 * The {@code email} delivery channel: SMTP through Jakarta Mail. Idempotent by notification key: the key is logged
 * as SENDING before the SMTP call and SENT after it; a key found SENT is not sent again, a key found SENDING (the
 * container stopped in between) is reported as uncertain instead of being sent a second time.
 */
@Component(property = DeliveryChannel.PROPERTY + "=email", configurationPid = EmailChannel.PID)
@Designate(ocd = EmailChannel.Config.class)
public final class EmailChannel implements DeliveryChannel {
    public static final String PID = "org.wanglai.reminders.email";
    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);

    @ObjectClassDefinition(name = "Wanglai e-mail channel", description = "SMTP server for reminder e-mails")
    public @interface Config {
        @AttributeDefinition(description = "SMTP host")
        String host() default "localhost";

        @AttributeDefinition(description = "SMTP port (25, 587 with STARTTLS, 465 with SSL)")
        int port() default 25;

        @AttributeDefinition(description = "User name; empty = no authentication")
        String username() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password")
        String password() default "";

        @AttributeDefinition(description = "NONE, STARTTLS or SSL")
        String security() default "STARTTLS";

        @AttributeDefinition(description = "Sender address")
        String from() default "ar@example.com";

        @AttributeDefinition(description = "Connect/read/write timeout in milliseconds")
        int timeoutMillis() default 20000;
    }

    /** Where the channel remembers which keys it has handed to SMTP. */
    public interface SentLog {
        /** SENDING, SENT, FAILED, or null when the key is new. */
        String status(String key);

        /** Records that the message is being handed to SMTP (new key or a FAILED one). */
        void begin(String key, String recipient);

        void done(String key);

        /** The SMTP server did not accept the message: a retry may send it. */
        void failed(String key);
    }

    private final SmtpSender sender;
    private final SentLog log;

    @Activate
    public EmailChannel(@Reference RemindersStore store, Config c) {
        this(new SmtpSender(c.host(), c.port(), c.username(), c.password(), SmtpSender.security(c.security()),
                c.from(), c.timeoutMillis()), new StoreLog(store));
    }

    EmailChannel(SmtpSender sender, SentLog log) {
        this.sender = sender;
        this.log = log;
    }

    @Override
    public String id() {
        return "email";
    }

    @Override
    public boolean accepts(String recipient) {
        return recipient != null && recipient.startsWith("mail:") && recipient.indexOf('@') > 5;
    }

    @Override
    public void deliver(Notification n) throws Exception {
        if (!accepts(n.recipient())) {
            throw new IllegalArgumentException("email channel cannot reach '" + n.recipient() + "'");
        }
        String status = log.status(n.key());
        if ("SENT".equals(status)) {
            return;
        }
        if ("SENDING".equals(status)) {
            throw new UncertainDeliveryException("message " + n.key() + " to " + n.recipient()
                    + " may have been sent before the container stopped; check the mailbox, not resent");
        }
        log.begin(n.key(), n.recipient());
        try {
            sender.send(n, n.recipient().substring(5));
        } catch (jakarta.mail.MessagingException e) {
            // Transport.send returns only once the server has accepted the message; a failure means it has not
            log.failed(n.key());
            throw e;
        }
        log.done(n.key());
        LOG.debug("Mail {} sent to {}", n.key(), n.recipient());
    }

    /** The log in wl_rem_mail_log; each step commits on its own. */
    static final class StoreLog implements SentLog {
        private final RemindersStore store;

        StoreLog(RemindersStore store) {
            this.store = store;
        }

        @Override
        public String status(String key) {
            return store.tx(m -> m.mailStatus(key));
        }

        @Override
        public void begin(String key, String recipient) {
            store.tx(m -> {
                if (m.updateMailLog(key, "SENDING", LocalDateTime.now()) == 0) {
                    m.insertMailLog(key, recipient, "SENDING", LocalDateTime.now());
                }
                return null;
            });
        }

        @Override
        public void failed(String key) {
            store.tx(m -> m.updateMailLog(key, "FAILED", LocalDateTime.now()));
        }

        @Override
        public void done(String key) {
            store.tx(m -> m.updateMailLog(key, "SENT", LocalDateTime.now()));
        }
    }
}
