package org.wanglai.api.costing;

import java.util.List;

import org.wanglai.api.LocalizedText;

/**
 * What the cube offers: dimensions (with the dimension a click drills down to, or null) and measures (including
 * one {@code cts:<POOL_CODE>} measure per host cost pool and {@code cts:FINANCING}).
 */
public record CubeMetadata(List<Dimension> dimensions, List<Measure> measures) {
    public CubeMetadata {
        dimensions = List.copyOf(dimensions);
        measures = List.copyOf(measures);
    }

    public record Dimension(String name, LocalizedText label, String drillsTo) {
    }

    /** {@code kind}: MONEY, PERCENT or INTEGER. */
    public record Measure(String name, LocalizedText label, String kind) {
    }
}
