package org.wanglai.costing.internal;

import java.util.Map;
import java.util.Optional;

import org.wanglai.api.LocalizedText;

/**
 * The cube's dimensions: the whitelist that turns a user's dimension name into SQL. Each has a key expression
 * over {@code wl_cost_fact f} (plus a join for category levels), and a label join on the grouped keys.
 */
enum CubeDimension {
    CATEGORY1("category1", "客户大类", "Customer category (level 1)", "category2"),
    CATEGORY2("category2", "客户分类（二级）", "Customer category (level 2)", "category3"),
    CATEGORY3("category3", "客户分类（三级）", "Customer category (level 3)", "category"),
    CATEGORY("category", "客户分类（末级）", "Customer category (leaf)", "customer"),
    CUSTOMER("customer", "客户", "Customer", null),
    PRODUCT_CATEGORY("product_category", "产品类别", "Product category", "product"),
    PRODUCT("product", "产品", "Product", null),
    CHANNEL("channel", "渠道", "Channel", "customer"),
    REGION("region", "区域", "Region", "customer"),
    POOL("pool", "成本池", "Cost pool", null),
    YEAR("year", "年度", "Year", "quarter"),
    QUARTER("quarter", "季度", "Quarter", "month"),
    MONTH("month", "月份", "Month", null),
    MONTH_OF_YEAR("month_of_year", "月份（季节性）", "Month of year (seasonality)", null);

    final String id;
    final LocalizedText label;
    final String drillsTo;

    CubeDimension(String id, String zh, String en, String drillsTo) {
        this.id = id;
        this.label = LocalizedText.of(zh, en);
        this.drillsTo = drillsTo;
    }

    static Optional<CubeDimension> byId(String id) {
        for (CubeDimension d : values()) {
            if (d.id.equals(id)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    boolean isTime() {
        return this == YEAR || this == QUARTER || this == MONTH || this == MONTH_OF_YEAR;
    }

    int categoryLevel() {
        return this == CATEGORY1 ? 1 : this == CATEGORY2 ? 2 : this == CATEGORY3 ? 3 : 0;
    }

    /** The key expression over the fact alias {@code f}. */
    String keyExpr() {
        return switch (this) {
            case CATEGORY1, CATEGORY2, CATEGORY3 -> "COALESCE(lv" + categoryLevel() + ".ancestor_id, f.category_id)";
            case CATEGORY -> "f.category_id";
            case CUSTOMER -> "f.customer_id";
            case PRODUCT_CATEGORY -> "f.product_category_id";
            case PRODUCT -> "f.product_id";
            case CHANNEL -> "f.channel_id";
            case REGION -> "f.region_id";
            case POOL -> "f.pool_id";
            case YEAR -> "CAST(EXTRACT(YEAR FROM f.fact_month) AS BIGINT)";
            case QUARTER -> "CAST(EXTRACT(YEAR FROM f.fact_month) * 10 + EXTRACT(QUARTER FROM f.fact_month) AS BIGINT)";
            case MONTH -> "CAST(EXTRACT(YEAR FROM f.fact_month) * 100 + EXTRACT(MONTH FROM f.fact_month) AS BIGINT)";
            case MONTH_OF_YEAR -> "CAST(EXTRACT(MONTH FROM f.fact_month) AS BIGINT)";
        };
    }

    /** The join the key needs inside the grouping query, or null. */
    String innerJoin() {
        int level = categoryLevel();
        return level == 0 ? null
                : "LEFT JOIN wl_cost_category_level lv" + level + " ON lv" + level + ".category_id = f.category_id AND lv"
                        + level + ".lvl = " + level;
    }

    /** The host relation the labels come from, or null for time dimensions. */
    private String relation() {
        return switch (this) {
            case CATEGORY1, CATEGORY2, CATEGORY3, CATEGORY -> "wl.customer_category";
            case CUSTOMER -> "wl.customer";
            case PRODUCT_CATEGORY -> "wl.product_category";
            case PRODUCT -> "wl.product";
            case CHANNEL -> "wl.channel";
            case REGION -> "wl.region";
            case POOL -> "wl.cost_pool";
            default -> null;
        };
    }

    /** Select list of the two label columns of position {@code n} (1-based). */
    String labelSelect(int n) {
        String d = "d" + n;
        String zh;
        String en;
        switch (this) {
            case CUSTOMER, PRODUCT -> {
                zh = d + ".code || ' ' || " + d + ".name";
                en = zh;
            }
            case CATEGORY1, CATEGORY2, CATEGORY3, CATEGORY -> {
                zh = d + ".code || ' ' || " + d + ".name_zh";
                en = d + ".code || ' ' || COALESCE(" + d + ".name_en, " + d + ".name_zh)";
            }
            case PRODUCT_CATEGORY, CHANNEL, REGION, POOL -> {
                zh = d + ".name_zh";
                en = d + ".name_en";
            }
            default -> {
                zh = "CAST(NULL AS VARCHAR(1))";
                en = zh;
            }
        }
        return zh + " AS l" + n + "Zh, " + en + " AS l" + n + "En";
    }

    /** The label join of position {@code n}, or an empty string. */
    String labelJoin(int n, Map<String, String> relations) {
        String rel = relation();
        if (rel == null) {
            return "";
        }
        String table = relations.get(rel);
        if (table == null) {
            throw new IllegalStateException("host profile lacks relation " + rel);
        }
        return "LEFT JOIN " + table + " d" + n + " ON d" + n + ".id = g.k" + n;
    }
}
