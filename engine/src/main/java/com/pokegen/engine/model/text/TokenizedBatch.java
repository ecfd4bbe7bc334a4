package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Prompts as fixed-length id rows, ready to stack into a (B, L) batch.
 *
 * @param ids (B, L) token ids, special tokens included, right-padded with the pad id
 * @param attentionMask (B, L): 1 for real tokens (specials included), 0 for padding
 * @param droppedTokens per prompt, how many tokens truncation removed (0 = none)
 */
public record TokenizedBatch(long[][] ids, long[][] attentionMask, int[] droppedTokens) {

    public TokenizedBatch {
        if (ids.length != attentionMask.length || ids.length != droppedTokens.length) {
            throw new IllegalArgumentException("ids, mask and dropped counts disagree on batch size");
        }
    }

    /**
     * Fits encoded sequences (special tokens already added) to {@code maxLength}: longer ones
     * keep their first {@code maxLength - 1} tokens and their final token (the end-of-sequence
     * special), as transformers' truncation does; shorter ones are right-padded with {@code padId}.
     */
    public static TokenizedBatch fit(List<long[]> encoded, int maxLength, long padId) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2, got " + maxLength);
        }
        int b = encoded.size();
        long[][] ids = new long[b][maxLength];
        long[][] mask = new long[b][maxLength];
        int[] dropped = new int[b];
        for (int i = 0; i < b; i++) {
            long[] seq = encoded.get(i);
            int kept = Math.min(seq.length, maxLength);
            System.arraycopy(seq, 0, ids[i], 0, kept);
            if (seq.length > maxLength) {
                ids[i][maxLength - 1] = seq[seq.length - 1];
                dropped[i] = seq.length - maxLength;
            }
            Arrays.fill(ids[i], kept, maxLength, padId);
            Arrays.fill(mask[i], 0, kept, 1L);
        }
        return new TokenizedBatch(ids, mask, dropped);
    }

    public int batchSize() {
        return ids.length;
    }

    public int length() {
        return ids.length == 0 ? 0 : ids[0].length;
    }

    /** True when any prompt lost tokens to truncation (callers should warn). */
    public boolean truncated() {
        return Arrays.stream(droppedTokens).anyMatch(n -> n > 0);
    }

    /** (B, L) int64 ids in {@code manager}. */
    public NDArray idsArray(NDManager manager) {
        return com.pokegen.engine.model.nn.Tensors.owned(manager.create(flatten(ids), new Shape(batchSize(), length())));
    }

    /** (B, L) int64 mask in {@code manager}. */
    public NDArray maskArray(NDManager manager) {
        return com.pokegen.engine.model.nn.Tensors.owned(manager.create(flatten(attentionMask), new Shape(batchSize(), length())));
    }

    private static long[] flatten(long[][] rows) {
        return Arrays.stream(rows).flatMapToLong(Arrays::stream).toArray();
    }
}
