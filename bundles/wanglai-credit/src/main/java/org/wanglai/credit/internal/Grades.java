package org.wanglai.credit.internal;

import java.util.List;

/** The credit grades, best first. */
final class Grades {
    static final List<String> ALL = List.of("AAA", "AA", "A", "B", "C", "D");

    private Grades() {
    }

    /** 0 for AAA (best) to 5 for D; -1 when unknown. */
    static int rank(String grade) {
        return grade == null ? -1 : ALL.indexOf(grade);
    }

    /** True when {@code grade} is worse than {@code minimum}. */
    static boolean below(String grade, String minimum) {
        int g = rank(grade);
        int m = rank(minimum);
        return g >= 0 && m >= 0 && g > m;
    }
}
