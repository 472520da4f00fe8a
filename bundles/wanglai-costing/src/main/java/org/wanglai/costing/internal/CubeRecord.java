package org.wanglai.costing.internal;

import java.math.BigDecimal;

/** One row of the cube SQL: up to three keys with labels, the base sums and up to ten pool sums. */
public final class CubeRecord {
    public Long k1, k2, k3;
    public String l1Zh, l1En, l2Zh, l2En, l3Zh, l3En;
    public BigDecimal revenue, cogs, cts;
    public Long orders, customers, months;
    public BigDecimal p0, p1, p2, p3, p4, p5, p6, p7, p8, p9;

    Long key(int i) {
        return i == 0 ? k1 : i == 1 ? k2 : k3;
    }

    String labelZh(int i) {
        return i == 0 ? l1Zh : i == 1 ? l2Zh : l3Zh;
    }

    String labelEn(int i) {
        return i == 0 ? l1En : i == 1 ? l2En : l3En;
    }

    BigDecimal pool(int i) {
        BigDecimal[] all = { p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 };
        return all[i];
    }

    void setPool(int i, BigDecimal v) {
        switch (i) {
            case 0 -> p0 = v;
            case 1 -> p1 = v;
            case 2 -> p2 = v;
            case 3 -> p3 = v;
            case 4 -> p4 = v;
            case 5 -> p5 = v;
            case 6 -> p6 = v;
            case 7 -> p7 = v;
            case 8 -> p8 = v;
            case 9 -> p9 = v;
            default -> throw new IndexOutOfBoundsException(i);
        }
    }
}
