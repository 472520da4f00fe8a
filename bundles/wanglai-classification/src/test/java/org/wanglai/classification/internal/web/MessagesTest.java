package org.wanglai.classification.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class MessagesTest {

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveEveryMessage() throws Exception {
        Properties en = load("messages_en.properties");
        Properties zh = load("messages_zh.properties");
        assertThat(zh.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).contains("rules.invalid", "preview.stale", "run.busy", "customer.code");
    }

    @Test
    void formatsInTheRequestsLanguage() {
        Messages m = new Messages();
        assertThat(m.get(Locale.ENGLISH, "rules.invalid", 2, 3, "@18: the condition ends too early"))
                .isEqualTo("The rules were not saved: 2 problem(s), the first in rule 3: @18: the condition ends too early");
        assertThat(m.get(Locale.SIMPLIFIED_CHINESE, "preview.stale", 4)).startsWith("预览之后数据已变化").contains("4 项");
        assertThat(m.get(Locale.forLanguageTag("de"), "run.none")).isEqualTo("No run is in progress.");
    }
}
