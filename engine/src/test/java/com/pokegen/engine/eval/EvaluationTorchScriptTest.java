package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.data.ItemView;
import com.pokegen.engine.eval.run.EvalFixtures;
import com.pokegen.engine.eval.run.EvalProgress;
import com.pokegen.engine.eval.run.EvalSpec;
import com.pokegen.engine.eval.run.Evaluation;
import com.pokegen.engine.model.text.ClipTokenizers;
import com.pokegen.engine.model.text.PromptTokenizer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow (about 30 s on 2 cores): every 2048-d Fréchet distance takes two 2048² eigendecompositions.
 * The evaluation's FID, KID and CLIP score paths with user-given TorchScript files, run on
 * stand-in archives (per-channel means as "pool3" features, see {@link TorchScriptExtractorTest}).
 */
@Tag("slow")
class EvaluationTorchScriptTest {

    @TempDir
    Path dir;

    @Test
    void fidKidAndClipScoreFromUserGivenFiles() throws Exception {
        Path data = EvalFixtures.dataset(dir);
        Path student = EvalFixtures.student(dir);
        Path inception = TorchScriptArchives.write(dir.resolve("inception-2015-12-05.pt"), "FakeInception",
                TorchScriptExtractorTest.FAKE_INCEPTION);
        Path clip = TorchScriptArchives.write(dir.resolve("FakeClip.pt"), "FakeClip", ClipScoreTest.FAKE_CLIP);
        Path out = dir.resolve("eval");
        EvalSpec spec = EvalSpec.builder().setStudent(student).setDataset(data).setOut(out).optInception(inception)
                .optClip(clip, ClipScoreTest.TOKENIZER).optKid(true).optAllowFewSamples(true).optPromptCount(3)
                .optPerPrompt(2).optStudentSteps(1).optSpeed(false).build();
        EvalReport report = Evaluation.run(spec, EvalProgress.NONE, () -> false);

        EvalReport.Metric fid = metric(report, "FID");
        assertTrue(fid.extractor().startsWith("inception-2015-12-05:pool3:"), fid.extractor());
        assertEquals("pil-bicubic", fid.resize());
        assertEquals(6, fid.samples());
        assertEquals(6, fid.referenceSamples());
        EvalReport.Metric kid = metric(report, "KID");
        assertEquals(fid.extractor(), kid.extractor());
        assertTrue(Double.isFinite(kid.std()));
        EvalReport.Metric clipScore = metric(report, "CLIP score");
        assertTrue(clipScore.extractor().startsWith("clip-torchscript:FakeClip:"), clipScore.extractor());
        assertEquals(6, clipScore.samples());

        List<BufferedImage> samples = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            for (int k = 0; k < 2; k++) {
                samples.add(ImageIO.read(out.resolve("samples/student-1/p000" + p + "-k" + k + ".png").toFile()));
                prompts.add(report.prompts().get(p).text());
            }
        }
        Dataset ds = Dataset.open(data);
        List<BufferedImage> real = new ArrayList<>();
        for (ItemView v : ds.state().included()) {
            real.add(ImageIO.read(ds.imageFile(v.id()).toFile()));
        }
        assertEquals(repeatedChannelMeansFd(samples, real), fid.value(), 1e-3 * Math.max(1, fid.value()));
        try (ClipTorchScriptExtractor model = ClipTorchScriptExtractor.load(clip);
                PromptTokenizer tok = ClipTokenizers.open(ClipScoreTest.TOKENIZER, ClipTokenizers.Backend.AUTO, 77)) {
            assertEquals(new ClipScore(model, tok).score(samples, prompts).mean(), clipScore.value(), 1e-9,
                    "image i scored against prompt i / K");
        }
    }

    /**
     * FD of features that repeat the 3 channel means over 2048 entries (R and G 683 times, B 682):
     * with N = diag(683, 683, 682), it equals the 3-d FD of N^½μ and N^½ΣN^½, since the non-zero
     * eigenvalues of AΣ₁AᵀAΣ₂Aᵀ (A the 2048×3 repeat matrix, AᵀA = N) are those of Σ₁NΣ₂N.
     */
    private static double repeatedChannelMeansFd(List<BufferedImage> a, List<BufferedImage> b) {
        double[] n = {683, 683, 682};
        double[][] ma = channelMeans(a);
        double[][] mb = channelMeans(b);
        return FrechetDistance.distance(scaledMean(ma, n), scaledCov(ma, n), scaledMean(mb, n), scaledCov(mb, n));
    }

    /** Per image, the mean of each channel after Inception's preprocessing (299 px bicubic, [0, 255]). */
    private static double[][] channelMeans(List<BufferedImage> images) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = ImagePreprocessor.inception(ResizeMethod.PIL_BICUBIC).apply(images, m)
                    .reshape(images.size(), 3, -1).mean(new int[] {2}); // (B, 3)
            float[] v = x.toFloatArray();
            double[][] out = new double[images.size()][3];
            for (int i = 0; i < out.length; i++) {
                for (int c = 0; c < 3; c++) {
                    out[i][c] = v[i * 3 + c];
                }
            }
            return out;
        }
    }

    private static double[] scaledMean(double[][] rows, double[] n) {
        double[] mu = new double[3];
        for (double[] r : rows) {
            for (int c = 0; c < 3; c++) {
                mu[c] += r[c] / rows.length;
            }
        }
        for (int c = 0; c < 3; c++) {
            mu[c] *= Math.sqrt(n[c]);
        }
        return mu;
    }

    private static DMatrixRMaj scaledCov(double[][] rows, double[] n) {
        FeatureStats s = FeatureStats.of(rows, "x", "x");
        DMatrixRMaj cov = s.covarianceMatrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                cov.set(i, j, cov.get(i, j) * Math.sqrt(n[i] * n[j]));
            }
        }
        return cov;
    }

    private static EvalReport.Metric metric(EvalReport r, String name) {
        return r.metrics().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + r.metrics()));
    }
}
