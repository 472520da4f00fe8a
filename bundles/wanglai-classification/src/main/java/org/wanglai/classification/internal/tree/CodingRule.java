package org.wanglai.classification.internal.tree;

import java.util.ArrayList;
import java.util.List;

import org.wanglai.api.ValidationException;

/**
 * A category coding rule such as {@code 2-2-2}: level 1 codes have 2 characters, each deeper level adds its own
 * number of characters, so a code is its parent's code plus the level's segment ({@code 01}, {@code 0101}).
 * Segments are digits or upper-case letters.
 */
public final class CodingRule {
    private final int[] widths;
    private final String text;

    private CodingRule(int[] widths, String text) {
        this.widths = widths;
        this.text = text;
    }

    public static CodingRule parse(String text) {
        if (text == null || !text.trim().matches("[1-9](-[1-9]){0,8}")) {
            throw new ValidationException("codingRule", "expected level widths like 2-2-2 (1 to 9 levels of 1-9 characters), was '" + text + "'");
        }
        String[] parts = text.trim().split("-");
        int[] w = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            w[i] = Integer.parseInt(parts[i]);
        }
        return new CodingRule(w, text.trim());
    }

    public int levels() {
        return widths.length;
    }

    /** Length of a code at {@code level} (1-based). */
    public int lengthAt(int level) {
        int n = 0;
        for (int i = 0; i < level; i++) {
            n += widths[i];
        }
        return n;
    }

    public int width(int level) {
        return widths[level - 1];
    }

    /** The level a code of this length sits on, or 0 when no level has that length. */
    public int levelOf(String code) {
        for (int l = 1; l <= widths.length; l++) {
            if (lengthAt(l) == code.length()) {
                return l;
            }
        }
        return 0;
    }

    /** Problems with {@code code} as a child of {@code parentCode} (null for a level-1 node); empty when valid. */
    public List<String> check(String code, String parentCode) {
        List<String> problems = new ArrayList<>();
        if (code == null || !code.matches("[0-9A-Z]+")) {
            problems.add("the code must consist of digits or upper-case letters, was '" + code + "'");
            return problems;
        }
        int parentLevel = parentCode == null ? 0 : levelOf(parentCode);
        int level = parentLevel + 1;
        if (parentCode != null && parentLevel == 0) {
            problems.add("the parent code " + parentCode + " does not follow the coding rule " + text);
        } else if (level > widths.length) {
            problems.add("the coding rule " + text + " allows " + widths.length + " levels; a child of " + parentCode
                    + " would be level " + level);
        } else {
            if (parentCode != null && !code.startsWith(parentCode)) {
                problems.add("the code must start with its parent's code " + parentCode);
            }
            if (code.length() != lengthAt(level)) {
                problems.add("a level-" + level + " code has " + lengthAt(level) + " characters (rule " + text + "), '"
                        + code + "' has " + code.length());
            }
        }
        return problems;
    }

    @Override
    public String toString() {
        return text;
    }
}
