package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.text.ClipTokenizers;
import com.pokegen.engine.model.text.PromptTokenizer;
import com.pokegen.engine.model.text.TokenizedBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipScoreTest {

    static final Path TOKENIZER = Paths.get("src/test/resources/fixtures/pipeline_tiny/pipeline/tokenizer");

    /**
     * A CLIP stand-in: image embedding = (per-channel mean of the normalised input, 0); text
     * embedding = (ids 1..3, Σ ids 40..76): the last entry is 0 only if padding is zeroed.
     */
    static final String FAKE_CLIP = ""
            + "  def encode_image(self: __torch__.FakeClip,\n"
            + "    image: Tensor) -> Tensor:\n"
            + "    pooled = torch.mean(image, [2, 3])\n"
            + "    return torch.cat([pooled, torch.zeros_like(torch.slice(pooled, 1, 0, 1))], 1)\n"
            + "  def encode_text(self: __torch__.FakeClip,\n"
            + "    text: Tensor) -> Tensor:\n"
            + "    head = torch.mul(torch.slice(text, 1, 1, 4), 1.0)\n"
            + "    tail = torch.mul(torch.sum(torch.slice(text, 1, 40, 77), [1], True), 1.0)\n"
            + "    return torch.cat([head, tail], 1)\n";

    @TempDir
    Path dir;

    @Test
    void scoreIsHundredTimesClampedCosineWithTruncationReported() throws IOException {
        Path pt = TorchScriptArchives.write(dir.resolve("FakeClip.pt"), "FakeClip", FAKE_CLIP);
        String longPrompt = String.join(" ", Collections.nCopies(120, "red"));
        List<String> prompts = List.of("a red dragon", longPrompt);
        try (ClipTorchScriptExtractor clip = ClipTorchScriptExtractor.load(pt);
                PromptTokenizer tok = ClipTokenizers.open(TOKENIZER, ClipTokenizers.Backend.AUTO, 77)) {
            assertEquals(4, clip.dim());
            assertTrue(clip.id().startsWith("clip-torchscript:FakeClip:"), clip.id());
            int[] colours = {0xff8000, 0x2040c0};
            ClipScoreResult r = new ClipScore(clip, tok).score(
                    List.of(TorchScriptExtractorTest.solid(30, 20, colours[0]), TorchScriptExtractorTest.solid(16, 16, colours[1])),
                    prompts);
            TokenizedBatch ids = tok.tokenize(prompts);
            for (int i = 0; i < 2; i++) {
                double[] img = new double[4];
                double[] txt = new double[4];
                for (int c = 0; c < 3; c++) {
                    int v = (colours[i] >> (16 - 8 * c)) & 0xff;
                    img[c] = (v / 255.0 - ImagePreprocessor.CLIP_MEAN[c]) / ImagePreprocessor.CLIP_STD[c];
                    txt[c] = ids.ids()[i][c + 1];
                }
                txt[3] = i == 0 ? 0 : sum(ids.ids()[1], 40, 77); // padding zeroed for the short prompt
                double expected = 100 * Math.max(cos(img, txt), 0);
                assertEquals(expected, r.pairScores()[i], 1e-3, "pair " + i);
            }
            assertEquals((r.pairScores()[0] + r.pairScores()[1]) / 2, r.mean(), 1e-9);
            assertEquals("CLIP score", r.label());
            assertEquals(1, r.truncated().size());
            assertEquals(1, r.truncated().get(0).index());
            assertEquals(ids.droppedTokens()[1], r.truncated().get(0).droppedTokens());
            assertTrue(r.truncated().get(0).droppedTokens() > 40);
        }
    }

    @Test
    void negativeCosineScoresZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] s = ClipScore.pairScores(m.create(new float[][] {{1, 0}, {1, 1}}), m.create(new float[][] {{-1, 0.1f}, {2, 2}}));
            assertEquals(0, s[0], 0);
            assertEquals(100, s[1], 1e-4);
        }
    }

    @Test
    void tokenizerMustHaveClipContextLength() throws IOException {
        Path pt = TorchScriptArchives.write(dir.resolve("FakeClip.pt"), "FakeClip", FAKE_CLIP);
        try (ClipTorchScriptExtractor clip = ClipTorchScriptExtractor.load(pt);
                PromptTokenizer tok = ClipTokenizers.open(TOKENIZER, ClipTokenizers.Backend.AUTO, 16)) {
            assertThrows(IllegalArgumentException.class, () -> new ClipScore(clip, tok));
        }
    }

    private static double sum(long[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s;
    }

    private static double cos(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
