package org.wanglai.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void medianAndSpreadOfUnsortedSamples() {
        Samples s = new Samples(new double[] { 40, 10, 30, 20, 1000 });
        assertEquals(30, s.median());
        assertEquals(10, s.min());
        assertEquals(1000, s.max());
        assertEquals(20, s.percentile(25));
        assertEquals("30 ms (10 ms–1000 ms, n=5)", s.describe());
    }

    @Test
    void evenCountInterpolates() {
        assertEquals(25, new Samples(new double[] { 20, 30 }).median());
        assertThrows(IllegalArgumentException.class, () -> new Samples(new double[0]));
    }
}
