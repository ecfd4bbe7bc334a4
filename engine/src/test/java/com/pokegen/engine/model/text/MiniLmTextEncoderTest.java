package com.pokegen.engine.model.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmTextEncoderTest {

    private static MiniLmTextEncoder encoder;

    @BeforeAll
    static void open() throws IOException {
        encoder = MiniLmTextEncoder.open(32);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void similarMeaningsAreCloser() {
        try (NDManager m = NDManager.newBaseManager();
                EncodedText t = encoder.encode(List.of(
                        "a red fire dragon with wings", "a crimson flame dragon", "a small blue water turtle"), m)) {
            NDArray p = t.pooled(); // rows are unit vectors: cosine = dot product
            float near = p.get(0).dot(p.get(1)).getFloat();
            float far = p.get(0).dot(p.get(2)).getFloat();
            assertTrue(near > far, "cos(near) " + near + " <= cos(far) " + far);
            assertArrayEquals(new float[] {1, 1, 1}, p.square().sum(new int[] {1}).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void rowsHaveFixedLengthWithBertSpecials() {
        try (NDManager m = NDManager.newBaseManager();
                EncodedText t = encoder.encode(List.of("fire", String.join(" ", Collections.nCopies(200, "fire"))), m)) {
            assertEquals(new Shape(2, 32, 384), t.hiddenStates().getShape());
            assertEquals(new Shape(2, 32), t.attentionMask().getShape());
            assertEquals(new Shape(2, 384), t.pooled().getShape());
            long[] first = t.tokens().ids()[0];
            assertEquals(101, first[0]); // [CLS]
            assertEquals(102, first[2]); // [SEP]
            assertEquals(0, first[3]); // [PAD]
            assertEquals(3, t.tokens().attentionMask()[0][0] + t.tokens().attentionMask()[0][1]
                    + t.tokens().attentionMask()[0][2] + t.tokens().attentionMask()[0][3]);
            assertFalse(t.tokens().droppedTokens()[0] > 0);
            assertEquals(202 - 32, t.tokens().droppedTokens()[1]); // the file's own 128-token limit is off
            assertEquals(102, t.tokens().ids()[1][31]);
            assertTrue(t.truncated());
        }
        assertEquals(384, encoder.hiddenSize());
        assertEquals(32, encoder.maxLength());
        assertTrue(encoder.id().startsWith("minilm-onnx:") && encoder.id().endsWith(":L32"), encoder.id());
    }

    @Test
    void poolingIsMaskedMeanThenUnitNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray h = m.create(new float[] {3, 0, 0, 4, 100, 100}, new Shape(1, 3, 2));
            NDArray mask = m.create(new long[] {1, 1, 0}, new Shape(1, 3));
            // mean of (3,0),(0,4) = (1.5, 2) -> norm 2.5
            assertArrayEquals(new float[] {0.6f, 0.8f},
                    MiniLmTextEncoder.meanPoolNormalised(h, mask).toFloatArray(), 1e-6f);
        }
    }
}
