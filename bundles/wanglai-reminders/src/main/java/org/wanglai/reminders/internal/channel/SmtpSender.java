package org.wanglai.reminders.internal.channel;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.wanglai.api.notify.Notification;

/** Sends one notification over SMTP with Jakarta Mail (Angus). Plain class: settings in, message out. */
public final class SmtpSender {

    public enum Security {
        NONE, STARTTLS, SSL
    }

    private final Session session;
    private final InternetAddress from;

    public SmtpSender(String host, int port, String user, String password, Security security, String from,
            int timeoutMillis) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: the SMTP host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: must be 1..65535, was " + port);
        }
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("from: not an e-mail address: '" + from + "'");
        }
        Properties p = new Properties();
        String proto = security == Security.SSL ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", host);
        p.put("mail." + proto + ".port", String.valueOf(port));
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(timeoutMillis));
        p.put("mail." + proto + ".timeout", String.valueOf(timeoutMillis));
        p.put("mail." + proto + ".writetimeout", String.valueOf(timeoutMillis));
        boolean auth = user != null && !user.isBlank();
        p.put("mail." + proto + ".auth", String.valueOf(auth));
        if (security == Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        Authenticator authenticator = auth ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password == null ? "" : password);
            }
        } : null;
        this.session = withOwnLoader(() -> Session.getInstance(p, authenticator));
    }

    /** Sends {@code n} to {@code address}; the Message-ID derives from the notification key. */
    public void send(Notification n, String address) throws MessagingException {
        MessagingException[] failure = new MessagingException[1];
        withOwnLoader(() -> {
            try {
                MimeMessage m = new MimeMessage(session) {
                    @Override
                    protected void updateMessageID() throws MessagingException {
                        setHeader("Message-ID", "<" + n.key() + "@" + from.getAddress().replaceAll(".*@", "") + ">");
                    }
                };
                m.setFrom(from);
                m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(address, true));
                m.setSubject(n.subject(), StandardCharsets.UTF_8.name());
                m.setSentDate(new Date());
                if (n.attachments().isEmpty()) {
                    m.setText(n.body(), StandardCharsets.UTF_8.name());
                } else {
                    MimeMultipart mp = new MimeMultipart();
                    MimeBodyPart text = new MimeBodyPart();
                    text.setText(n.body(), StandardCharsets.UTF_8.name());
                    mp.addBodyPart(text);
                    for (Notification.Attachment a : n.attachments()) {
                        MimeBodyPart part = new MimeBodyPart();
                        part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                        part.setFileName(a.fileName());
                        mp.addBodyPart(part);
                    }
                    m.setContent(mp);
                }
                Transport.send(m);
            } catch (MessagingException e) {
                failure[0] = e;
            }
            return null;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    public static Security security(String s) {
        try {
            return Security.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("security: must be NONE, STARTTLS or SSL, was '" + s + "'");
        }
    }

    /** Jakarta Mail finds its providers through the context class loader: make it this (embedding) bundle's. */
    private static <T> T withOwnLoader(java.util.function.Supplier<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(SmtpSender.class.getClassLoader());
        try {
            return work.get();
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
