package com.pokegen.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimestepSpacingTest {

    @Test
    void trailingStartsAtTheLastTrainingStep() {
        assertArrayEquals(new long[] {999, 749, 499, 249}, TimestepSpacing.TRAILING.integerTimesteps(1000, 4, 0));
        assertArrayEquals(new long[] {999}, TimestepSpacing.TRAILING.integerTimesteps(1000, 1, 0));
        assertArrayEquals(new float[] {999, 749, 499, 249}, TimestepSpacing.TRAILING.floatTimesteps(1000, 4, 0));
    }

    @Test
    void leadingAddsTheOffsetAndLinspaceIncludesBothEnds() {
        assertArrayEquals(new long[] {751, 501, 251, 1}, TimestepSpacing.LEADING.integerTimesteps(1000, 4, 1));
        assertArrayEquals(new long[] {999, 666, 333, 0}, TimestepSpacing.LINSPACE.integerTimesteps(1000, 4, 0));
        // Euler keeps linspace fractional: 999·2/3 = 666.0 exactly, 999/7·6 = 856.2857...
        float[] seven = TimestepSpacing.LINSPACE.floatTimesteps(1000, 7, 0);
        assertEquals((float) (999.0 / 6 * 5), seven[1]);
    }

    @Test
    void everyStepCountGivesNDistinctDescendingTimestepsInRange() {
        for (TimestepSpacing s : TimestepSpacing.values()) {
            for (int n = 1; n <= 1000; n++) {
                long[] t = s.integerTimesteps(1000, n, 0);
                assertEquals(n, t.length);
                for (int i = 0; i < n; i++) {
                    assertTrue(t[i] >= 0 && t[i] <= 999, s + " n=" + n);
                    assertTrue(i == 0 || t[i] < t[i - 1], s + " n=" + n + " not strictly descending");
                }
            }
        }
    }

    @Test
    void refusesStepCountsOutsideOneToT() {
        var e = assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.LEADING.integerTimesteps(1000, 0, 0));
        assertTrue(e.getMessage().contains("between 1 and"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.TRAILING.floatTimesteps(1000, 1001, 0));
    }
}
