package org.wanglai.web.internal;

import java.io.IOException;
import java.math.BigDecimal;

import org.wanglai.api.Money;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The platform's JSON rules: ISO dates, plain decimals, {@link Money} as {@code {"amount": 12.50, "currency":
 * "CNY"}}, and strict reading (unknown properties, trailing tokens and numbers for enums are errors).
 */
public final class Json {

    private Json() {
    }

    public static ObjectMapper mapper() {
        SimpleModule money = new SimpleModule("wanglai-money");
        money.addSerializer(Money.class, new JsonSerializer<Money>() {
            @Override
            public void serialize(Money value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeStartObject();
                gen.writeNumberField("amount", value.amount());
                gen.writeStringField("currency", value.currencyCode());
                gen.writeEndObject();
            }
        });
        money.addDeserializer(Money.class, new JsonDeserializer<Money>() {
            @Override
            public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonNode n = ctxt.readTree(p);
                JsonNode amount = n == null ? null : n.get("amount");
                JsonNode currency = n == null ? null : n.get("currency");
                if (amount == null || currency == null || n.size() != 2) {
                    throw ctxt.weirdStringException(String.valueOf(n), Money.class,
                            "money is {\"amount\": 12.50, \"currency\": \"CNY\"}");
                }
                try {
                    return Money.of(new BigDecimal(amount.asText()), currency.asText());
                } catch (IllegalArgumentException e) {
                    throw ctxt.weirdStringException(String.valueOf(n), Money.class, "invalid amount or currency");
                }
            }
        });
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(money)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }
}
