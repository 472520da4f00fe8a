package org.wanglai.api.classification;

/** A run was cancelled before it finished; nothing was written. */
public class RunCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunCancelledException(String message) {
        super(message);
    }
}
