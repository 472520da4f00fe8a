package org.wanglai.classification.internal.expr;

/** Types of the rule language. */
public enum Type {
    NUMBER, TEXT, BOOLEAN
}
