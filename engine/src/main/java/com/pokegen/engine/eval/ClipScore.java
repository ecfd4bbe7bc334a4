package com.pokegen.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.text.PromptTokenizer;
import com.pokegen.engine.model.text.TokenizedBatch;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIP score (Hessel et al., 2021) as torchmetrics defines it: for each image–prompt pair,
 * 100 · max(cos(E_img, E_txt), 0), averaged over pairs. Prompts longer than CLIP's 77 tokens are
 * truncated (keeping the end token) and listed in the result, never silently cut.
 */
public final class ClipScore {

    private final ClipTorchScriptExtractor model;
    private final PromptTokenizer tokenizer;

    /** @param tokenizer OpenAI CLIP's BPE tokenizer with rows of 77 ({@code ClipTokenizers.open(dir, AUTO, 77)}) */
    public ClipScore(ClipTorchScriptExtractor model, PromptTokenizer tokenizer) {
        if (tokenizer.maxLength() != ClipTorchScriptExtractor.CONTEXT_LENGTH) {
            throw new IllegalArgumentException("CLIP score needs a tokenizer with rows of "
                    + ClipTorchScriptExtractor.CONTEXT_LENGTH + " tokens, got " + tokenizer.maxLength());
        }
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** Scores image i against prompt i. */
    public ClipScoreResult score(List<BufferedImage> images, List<String> prompts) {
        checkPairs(images.size(), prompts.size());
        TokenizedBatch tokens = tokenizer.tokenize(prompts);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray img = model.features(images, manager);
            NDArray txt = model.embedText(tokens, manager);
            return ClipScoreResult.of(MetricNames.clipScore(model.id()), model.id(), pairScores(img, txt), prompts,
                    tokens.droppedTokens(), ClipTorchScriptExtractor.CONTEXT_LENGTH);
        }
    }

    static void checkPairs(int images, int prompts) {
        if (images != prompts || images == 0) {
            throw new IllegalArgumentException("CLIP score pairs image i with prompt i: got " + images + " images and "
                    + prompts + " prompts");
        }
    }

    /** (B, E), (B, E) -> 100 · max(cos, 0) per row pair. */
    static double[] pairScores(NDArray imageEmbeddings, NDArray textEmbeddings) {
        NDArray cos = NDArrays.l2Normalise(imageEmbeddings).mul(NDArrays.l2Normalise(textEmbeddings)).sum(new int[] {1});
        float[] c = cos.toFloatArray();
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = 100.0 * Math.max(c[i], 0);
        }
        return out;
    }

    /** Prompts that lost tokens, for reports. */
    static List<ClipScoreResult.TruncatedPrompt> truncated(List<String> prompts, int[] dropped) {
        List<ClipScoreResult.TruncatedPrompt> out = new ArrayList<>();
        for (int i = 0; i < dropped.length; i++) {
            if (dropped[i] > 0) {
                out.add(new ClipScoreResult.TruncatedPrompt(i, prompts.get(i), dropped[i]));
            }
        }
        return out;
    }
}
