package com.pokegen.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.model.nn.Tensors;
import com.pokegen.engine.model.text.EncodedText;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import com.pokegen.engine.model.text.TextEncoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text encoder's per-token states for recently used prompt batches, so that drawing the same
 * prompt again (a new seed, other steps, the student after the teacher) and the empty negative
 * prompt of every guided call skip the encoder. Only an encoder whose weights cannot change in
 * the process is cached (the bundled MiniLM runs in ONNX Runtime); the others are encoded every
 * time, as a trainer may be updating them. Entries are host copies of exactly what the encoder
 * returned for that same batch, so a hit gives identical values. Least recently used entries go
 * first beyond {@value #CAPACITY}.
 */
final class PromptStates {

    static final int CAPACITY = 16;

    /** What a batch encoded to: (B, L, D) states as host floats, and tokens dropped per prompt. */
    private record Entry(float[] states, Shape shape, int[] droppedTokens) {}

    /** States on the caller's manager and the per-prompt truncation counts. */
    record Encoded(NDArray hiddenStates, int[] droppedTokens) {}

    private final TextEncoder encoder;
    private final boolean cacheable;
    private final Map<List<String>, Entry> entries = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, Entry> eldest) {
            return size() > CAPACITY;
        }
    };
    private long hits;

    PromptStates(TextEncoder encoder) {
        this.encoder = encoder;
        this.cacheable = encoder instanceof MiniLmTextEncoder;
    }

    /** The (B, L, D) states of {@code prompts} on {@code manager}, from the cache when there. */
    Encoded encode(List<String> prompts, NDManager manager) {
        List<String> key = List.copyOf(prompts);
        if (cacheable) {
            Entry hit;
            synchronized (entries) {
                hit = entries.get(key);
                if (hit != null) {
                    hits++;
                }
            }
            if (hit != null) {
                return new Encoded(Tensors.floats(manager, hit.states(), hit.shape()), hit.droppedTokens().clone());
            }
        }
        EncodedText encoded = encoder.encode(prompts, manager);
        encoded.attentionMask().close();
        encoded.pooled().close();
        NDArray states = encoded.hiddenStates();
        int[] dropped = encoded.tokens().droppedTokens().clone();
        if (cacheable) {
            Entry entry = new Entry(states.toFloatArray(), states.getShape(), dropped.clone());
            synchronized (entries) {
                entries.put(key, entry);
            }
        }
        return new Encoded(states, dropped);
    }

    /** Cache hits so far (tests). */
    long hits() {
        synchronized (entries) {
            return hits;
        }
    }
}
