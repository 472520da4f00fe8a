package org.wanglai.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultsTest {
    @Test
    void ratioAgainstTargetAndClosingNote() {
        Results r = new Results();
        Results.Row fast = r.ratio("P1", "fast", new Samples(new double[] { 12, 10, 11 }),
                new Samples(new double[] { 10, 10, 10 }), 1.5, null);
        Results.Row slow = r.ratio("P3", "slow", new Samples(new double[] { 30, 20 }),
                new Samples(new double[] { 10, 10 }), 1.3, null);
        r.missing("C1", "cold start", "≤ 3 s", "no distribution");
        assertEquals(1.1, fast.ratio(), 1e-9);
        assertTrue(fast.met());
        assertEquals(2.5, slow.ratio(), 1e-9);
        assertFalse(slow.met());

        String md = r.markdown();
        assertTrue(md.contains("| P3 | slow | 25 ms (20 ms–30 ms, n=2) | 10 ms (10 ms–10 ms, n=2) | 2.50 | ratio ≤ 1.3 | **no** |"),
                md);
        assertTrue(md.contains("| C1 | cold start | not measured |"), md);
        String note = r.closingNote();
        assertTrue(note.startsWith("1 target(s) met."), note);
        assertTrue(note.contains("Missed: P3 25 ms (20 ms–30 ms, n=2), ratio 2.50, target ratio ≤ 1.3"), note);
        assertTrue(note.contains("Not measured: C1 (no distribution)"), note);
        assertFalse(note.contains("P1 "), note);
    }

    @Test
    void jsonEscapesText() {
        Results r = new Results();
        r.context("Data \"set\"", "a\nb");
        String json = r.json();
        assertTrue(json.contains("\"Data \\\"set\\\"\": \"a\\nb\""), json);
        assertTrue(json.contains("\"closingNote\": \"0 target(s) met. No measured target missed.\""), json);
    }
}
