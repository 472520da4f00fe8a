package org.wanglai.excel.internal;

import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * POI keeps its zip-bomb limits in static fields of the embedded (so bundle-private) POI copy; every component of
 * this bundle sets the same values, so the order of activation does not matter.
 */
final class PoiLimits {
    /** Smallest compressed/uncompressed ratio of a zip entry: below it the workbook is refused as a zip bomb. */
    static final double MIN_INFLATE_RATIO = 0.01;
    /** Largest uncompressed zip entry (a sheet of 100,000 rows of 30 columns is far below). */
    static final long MAX_ENTRY_SIZE = 1024L * 1024 * 1024;
    /** Largest text extracted from one entry. */
    static final long MAX_TEXT_SIZE = 10L * 1024 * 1024;

    private PoiLimits() {
    }

    static void apply() {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
        ZipSecureFile.setMaxTextSize(MAX_TEXT_SIZE);
    }
}
