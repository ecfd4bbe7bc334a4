package com.pokegen.engine.train.add;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.schedule.TimestepSpacing;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AddConfigTest {

    private static AddConfig with(String key, Object value) throws Exception {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.set(key, new ObjectMapper().valueToTree(value));
        return AddConfig.of(o);
    }

    /**
     * diffusers' "trailing" spacing: np.round(np.arange(1000, 0, -1000 / N)) - 1
     * (N=3 gives 1000, 666.67, 333.33 → 999, 666, 332).
     */
    @Test
    void studentTimestepsAreTrailing() throws Exception {
        assertArrayEquals(new long[] {999}, with("student_steps", 1).studentTimesteps(1000));
        assertArrayEquals(new long[] {999, 499}, with("student_steps", 2).studentTimesteps(1000));
        assertArrayEquals(new long[] {999, 666, 332}, with("student_steps", 3).studentTimesteps(1000));
        assertArrayEquals(new long[] {999, 749, 499, 249}, with("student_steps", 4).studentTimesteps(1000));
    }

    /**
     * At 16 steps T − k·62.5 hits halves: numpy rounds them to even (812.5 → 812, so 811), as the
     * trailing sampler does; the student must train on the timesteps it is sampled at.
     */
    @Test
    void sixteenStudentStepsRoundHalfToEvenLikeTheSampler() throws Exception {
        long[] diffusers = {999, 937, 874, 811, 749, 687, 624, 561, 499, 437, 374, 311, 249, 187, 124, 61};
        assertArrayEquals(diffusers, with("student_steps", 16).studentTimesteps(1000));
        assertArrayEquals(diffusers, TimestepSpacing.TRAILING.integerTimesteps(1000, 16, 1));
    }

    @Test
    void sampleGridsGoUpToStudentSteps() throws Exception {
        assertArrayEquals(new int[] {1}, with("student_steps", 1).sampleStepCounts());
        assertArrayEquals(new int[] {1, 2, 3}, with("student_steps", 3).sampleStepCounts());
        assertArrayEquals(new int[] {1, 2, 4}, with("student_steps", 4).sampleStepCounts());
        assertArrayEquals(new int[] {1, 2, 4, 8, 12}, with("student_steps", 12).sampleStepCounts());
    }

    @Test
    void adversarialWeightDefaultsToOneAndRefusesNegatives() throws Exception {
        assertEquals(1f, AddConfig.of(new ObjectMapper().createObjectNode()).adversarialWeight());
        assertEquals(0f, with("adversarial_weight", 0).adversarialWeight());
        assertThrows(IOException.class, () -> with("adversarial_weight", -1));
        assertThrows(IOException.class, () -> with("distill_weight", -0.5));
        ObjectNode neither = new ObjectMapper().createObjectNode().put("adversarial_weight", 0).put("distill_weight", 0);
        assertTrue(assertThrows(IOException.class, () -> AddConfig.of(neither)).getMessage().contains("both 0"));
    }
}
