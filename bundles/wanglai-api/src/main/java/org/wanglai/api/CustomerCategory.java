package org.wanglai.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A node of the host's customer category tree. The code encodes the path (coding rule {@code 2-2-2}: {@code 01},
 * {@code 0101}, {@code 010101}); customers attach to leaves only.
 */
public record CustomerCategory(long id, Long parentId, String code, String nameZh, String nameEn,
        BigDecimal creditWatchPercent) {

    public CustomerCategory {
        Objects.requireNonNull(code, "code");
    }

    public String name(java.util.Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? nameZh : (nameEn != null ? nameEn : nameZh);
    }
}
