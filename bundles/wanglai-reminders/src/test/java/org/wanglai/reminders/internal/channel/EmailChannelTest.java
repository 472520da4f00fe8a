package org.wanglai.reminders.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wanglai.api.notify.Notification;
import org.wanglai.reminders.internal.run.UncertainDeliveryException;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** The e-mail channel against a real SMTP server (GreenMail) on a free port. */
class EmailChannelTest {
    private GreenMail smtp;
    private final Map<String, String> log = new HashMap<>();
    private EmailChannel channel;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int port = smtp.getSmtp().getPort();
        channel = new EmailChannel(new SmtpSender("127.0.0.1", port, "", "", SmtpSender.Security.NONE,
                "ar@wanglai.example", 5000), new EmailChannel.SentLog() {
                    @Override
                    public String status(String key) {
                        return log.get(key);
                    }

                    @Override
                    public void begin(String key, String recipient) {
                        log.put(key, "SENDING");
                    }

                    @Override
                    public void done(String key) {
                        log.put(key, "SENT");
                    }

                    @Override
                    public void failed(String key) {
                        log.put(key, "FAILED");
                    }
                });
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void bilingualLetterWithAttachmentArrivesOnce() throws Exception {
        byte[] xlsx = "PK-fake-xlsx".getBytes(StandardCharsets.US_ASCII);
        Notification n = new Notification("wl-rem-17", "mail:finance@customer.example", "付款提醒 / Payment reminder",
                "致 上海鑫泰贸易有限公司\nINV-0001  2026-03-31  12  1000.00 CNY\n合计/Total CNY: 1000.00",
                List.of(new Notification.Attachment("statement-C001.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx)));
        channel.deliver(n);
        channel.deliver(n); // same key: not sent again
        MimeMessage[] got = smtp.getReceivedMessages();
        assertThat(got).hasSize(1);
        MimeMessage m = got[0];
        assertThat(m.getSubject()).isEqualTo("付款提醒 / Payment reminder");
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("finance@customer.example");
        assertThat(m.getFrom()[0].toString()).isEqualTo("ar@wanglai.example");
        assertThat(m.getMessageID()).isEqualTo("<wl-rem-17@wanglai.example>");
        Multipart mp = (Multipart) m.getContent();
        assertThat(mp.getCount()).isEqualTo(2);
        assertThat((String) mp.getBodyPart(0).getContent()).contains("上海鑫泰贸易有限公司").contains("1000.00 CNY");
        Part att = mp.getBodyPart(1);
        assertThat(att.getFileName()).isEqualTo("statement-C001.xlsx");
        assertThat(att.getInputStream().readAllBytes()).isEqualTo(xlsx);
        assertThat(log).containsEntry("wl-rem-17", "SENT");
    }

    @Test
    void aKeyLeftSendingIsUncertainNotResent() {
        log.put("wl-rem-18", "SENDING");
        Notification n = new Notification("wl-rem-18", "mail:a@b.example", "s", "b", null);
        assertThatThrownBy(() -> channel.deliver(n)).isInstanceOf(UncertainDeliveryException.class)
                .hasMessageContaining("wl-rem-18");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtpDownFailsAndCanBeRetried() throws Exception {
        int port = smtp.getSmtp().getPort();
        smtp.stop();
        Notification n = new Notification("wl-rem-19", "mail:a@b.example", "s", "b", null);
        assertThatThrownBy(() -> channel.deliver(n)).isInstanceOf(jakarta.mail.MessagingException.class);
        assertThat(log.get("wl-rem-19")).as("not accepted by SMTP: retryable").isEqualTo("FAILED");
        // the server is back on the same port: the retry delivers it, once
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        channel.deliver(n);
        channel.deliver(n);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(log.get("wl-rem-19")).isEqualTo("SENT");
    }

    @Test
    void refusesRecipientsItCannotReach() {
        assertThat(channel.accepts("user:li.wei")).isFalse();
        assertThat(channel.accepts("mail:x@y.example")).isTrue();
        assertThatThrownBy(() -> new SmtpSender("", 25, "", "", SmtpSender.Security.NONE, "a@b.c", 1000))
                .hasMessageContaining("host");
        assertThatThrownBy(() -> SmtpSender.security("TLS1")).hasMessageContaining("security");
    }
}
