package com.pokegen.engine.train.add;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
