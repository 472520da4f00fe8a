package org.wanglai.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.wanglai.api.Money;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

class JsonTest {

    record Payment(String customer, LocalDate date, Money amount) {
    }

    @Test
    void moneyAndDatesRoundTripAndUnknownPropertiesAreRejected() throws Exception {
        ObjectMapper json = Json.mapper();
        Payment p = new Payment("C0001", LocalDate.of(2026, 6, 30), Money.of("1234.5", "CNY"));
        String text = json.writeValueAsString(p);
        assertThat(text).isEqualTo("{\"customer\":\"C0001\",\"date\":\"2026-06-30\",\"amount\":{\"amount\":1234.50,\"currency\":\"CNY\"}}");
        assertThat(json.readValue(text, Payment.class)).isEqualTo(p);
        assertThat(json.readValue("{\"amount\":{\"amount\":\"7\",\"currency\":\"JPY\"},\"customer\":\"x\"}", Payment.class).amount())
                .isEqualTo(Money.of("7", "JPY"));
        assertThatThrownBy(() -> json.readValue("{\"customer\":\"x\",\"colour\":1}", Payment.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> json.readValue("{\"amount\":{\"amount\":1}}", Payment.class))
                .hasMessageContaining("currency");
        assertThatThrownBy(() -> json.readValue("{\"customer\":\"x\"} {}", Payment.class)).hasMessageContaining("Trailing");
    }
}
