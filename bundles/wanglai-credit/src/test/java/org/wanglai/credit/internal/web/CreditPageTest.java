package org.wanglai.credit.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;

class CreditPageTest {

    @Test
    void theScriptCarriesBothLanguagesFromTheResourceBundles() {
        String js = new CreditPage().script();
        assertThat(js).doesNotContain("/*STRINGS*/").contains("export async function render(container, wl)");
        assertThat(js).contains("\"monitor\": \"信用监控\"").contains("\"monitor\": \"Credit monitor\"");
        assertThat(js).contains("\"approve\": \"批准\"").contains("\"approve\": \"Approve\"");
    }

    @Test
    void stringsAreQuotedSafelyForAModuleSource() {
        Properties p = new Properties();
        p.setProperty("a", "say \"hi\" </script>\n\\");
        assertThat(CreditPage.json(p)).isEqualTo("{\"a\": \"say \\\"hi\\\" \\u003c/script>\\n\\\\\"}");
    }
}
