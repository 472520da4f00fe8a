package org.wanglai.api.classification;

/**
 * The changes a run computes now differ from the previewed ones (the data or the settings moved in between);
 * nothing was written. {@link #changes()} is how many changes the run would make now.
 */
public class StalePreviewException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long changes;

    public StalePreviewException(long changes) {
        super("the data changed since the preview: the run would now make " + changes
                + " changes that differ from the previewed ones; nothing was written");
        this.changes = changes;
    }

    public long changes() {
        return changes;
    }
}
