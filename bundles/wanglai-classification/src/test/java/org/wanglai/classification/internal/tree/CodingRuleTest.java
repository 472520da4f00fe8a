package org.wanglai.classification.internal.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.wanglai.api.ValidationException;

class CodingRuleTest {
    private final CodingRule rule = CodingRule.parse("2-2-2");

    @Test
    void acceptsCodesThatFollowTheRule() {
        assertThat(rule.check("01", null)).isEmpty();
        assertThat(rule.check("0101", "01")).isEmpty();
        assertThat(rule.check("010203", "0102")).isEmpty();
        assertThat(rule.levelOf("0102")).isEqualTo(2);
        assertThat(rule.lengthAt(3)).isEqualTo(6);
    }

    @Test
    void rejectsViolations() {
        assertThat(rule.check("1", null)).singleElement().asString().contains("a level-1 code has 2 characters");
        assertThat(rule.check("0201", "01")).singleElement().asString().contains("must start with its parent's code 01");
        assertThat(rule.check("01011", "0101")).singleElement().asString().contains("a level-3 code has 6 characters");
        assertThat(rule.check("01010101", "010101")).singleElement().asString().contains("allows 3 levels");
        assertThat(rule.check("01a", null)).singleElement().asString().contains("digits or upper-case letters");
        assertThat(CodingRule.parse("2-3").check("01001", "01")).isEmpty();
        assertThatThrownBy(() -> CodingRule.parse("2-0")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> CodingRule.parse("abc")).isInstanceOf(ValidationException.class);
    }
}
