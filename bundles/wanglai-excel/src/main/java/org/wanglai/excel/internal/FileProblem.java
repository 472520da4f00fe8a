package org.wanglai.excel.internal;

/** A problem with an uploaded file as a whole, as a message key and its arguments (turned into a ValidationException). */
class FileProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final transient Object[] args;
    private final int row;

    FileProblem(String key, Object... args) {
        this(0, key, args);
    }

    FileProblem(int row, String key, Object... args) {
        super(key, null, false, false);
        this.key = key;
        this.args = args;
        this.row = row;
    }

    String key() {
        return key;
    }

    Object[] args() {
        return args;
    }

    int row() {
        return row;
    }
}
