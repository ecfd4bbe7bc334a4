package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.data.image.SvgRasterizer;
import com.pokegen.engine.model.lora.LoraFiles;
import com.pokegen.engine.model.lora.LoraSpec;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.LoraPipelines;
import com.pokegen.engine.pipeline.TextToImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when 3, DreamBooth learns: the shipped tiny teacher gets a LoRA trained on 5 pictures of
 * one pack creature (data/pack/svg/2.svg) under "a drawing of zxq pokemon", with prior
 * preservation on 8 of its own "a drawing of a pokemon" samples. Feature: a 64-bin colour
 * histogram (position-free, so a subject drawn elsewhere still counts); distance = total
 * variation to the nearest instance image. Instance-prompt samples must come at least 25% nearer
 * the instance images; class-prompt samples (same seeds) must move less than the instance-prompt
 * samples do and less than the base model's class samples differ from seed to seed. Slow (a couple of CPU minutes).
 */
@Tag("slow")
class DreamBoothLearnsTest {

    static final Path TEACHER = Path.of("../models/pokemon-tiny-teacher");
    static final String INSTANCE = "a drawing of zxq pokemon";
    static final String CLASS = "a drawing of a pokemon";
    static final long[] SEEDS = {11, 12, 13, 14};

    /** The creature at 5 positions and sizes on white, 64×64. */
    static List<BufferedImage> instanceImages() throws Exception {
        byte[] svg = Files.readAllBytes(Path.of("src/test/resources/data/pack/svg/2.svg"));
        List<BufferedImage> out = new ArrayList<>();
        int[][] placements = {{8, 8, 48}, {4, 10, 44}, {14, 6, 46}, {10, 14, 40}, {6, 4, 52}};
        for (int[] p : placements) {
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 64, 64);
            g.drawImage(SvgRasterizer.render(svg, p[2]), p[0], p[1], null);
            g.dispose();
            out.add(img);
        }
        return out;
    }

    @Test
    void instanceSamplesMoveTowardsTheSubjectAndClassSamplesStay(@TempDir Path dir) throws Exception {
        List<BufferedImage> subject = instanceImages();
        Path instances = Files.createDirectories(dir.resolve("instances"));
        for (int i = 0; i < subject.size(); i++) {
            ImageIO.write(subject.get(i), "png", instances.resolve(i + ".png").toFile());
        }
        float[][] targets = subject.stream().map(DreamBoothLearnsTest::histogram).toArray(float[][]::new);
        List<BufferedImage> instBefore;
        List<BufferedImage> classBefore;
        try (DiffusionPipeline p = DiffusionPipeline.load(TEACHER)) {
            instBefore = sample(p, INSTANCE);
            classBefore = sample(p, CLASS);
        }
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("steps", 80).put("batch_size", 2).put("learning_rate", 2e-3).put("caption_dropout", 0.0)
                .put("rank", 8).put("alpha", 8).put("targets", "attn+ff").put("class_images", 8)
                .put("instance_prompt", INSTANCE).put("class_prompt", CLASS).put("prior_weight", 1.0)
                .put("log_every", 10).put("sample_every", 0).put("checkpoint_every", 0).put("seed", 1);
        LoraConfig cfg = LoraConfig.of(o);
        LoraTraining.train(new LoraTraining.Job(null, instances, dir.resolve("run"), cfg, TEACHER, false, false),
                e -> { }, () -> false);
        Path lora = dir.resolve("run/final/" + LoraFiles.PEFT_FILE);
        List<BufferedImage> instAfter;
        List<BufferedImage> classAfter;
        try (DiffusionPipeline p = DiffusionPipeline.load(TEACHER);
                LoraPipelines.Attached a = LoraPipelines.attach(p, List.of(new LoraSpec(lora, 1f)), false)) {
            instAfter = sample(p, INSTANCE);
            classAfter = sample(p, CLASS);
        }
        double before = nearest(instBefore, targets);
        double after = nearest(instAfter, targets);
        double instanceDrift = pairwise(instBefore, instAfter);
        double classDrift = pairwise(classBefore, classAfter);
        double classSpread = spread(classBefore);
        System.out.printf("DreamBooth: instance samples' nearest-subject colour distance %.4f -> %.4f; drift of instance samples"
                + " %.4f, of class samples %.4f (base class samples differ by %.4f between seeds)%n", before, after,
                instanceDrift, classDrift, classSpread);
        assertTrue(after < 0.75 * before, "instance samples should approach the subject: " + before + " -> " + after);
        assertTrue(classDrift < instanceDrift && classDrift < classSpread, "class samples drifted " + classDrift
                + " (instance samples " + instanceDrift + ", seed-to-seed spread " + classSpread + ")");
    }

    private static List<BufferedImage> sample(DiffusionPipeline p, String prompt) {
        List<String> prompts = java.util.Collections.nCopies(SEEDS.length, prompt);
        return TextToImage.of(p).generate(GenerationRequest.builder().setPrompts(prompts).setSeeds(SEEDS)
                .optSteps(20).build()).bufferedImages();
    }

    /** Colour histogram: 4 levels per RGB channel (64 bins), normalised to sum 1. */
    static float[] histogram(BufferedImage img) {
        float[] h = new float[64];
        int n = img.getWidth() * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                h[((rgb >> 22) & 3) * 16 + ((rgb >> 14) & 3) * 4 + ((rgb >> 6) & 3)] += 1f / n;
            }
        }
        return h;
    }

    /** Total-variation distance of two histograms, in [0, 1]. */
    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / 2;
    }

    /** Mean over samples of the distance to the nearest target. */
    static double nearest(List<BufferedImage> samples, float[][] targets) {
        double sum = 0;
        for (BufferedImage s : samples) {
            float[] t = histogram(s);
            double best = Double.MAX_VALUE;
            for (float[] target : targets) {
                best = Math.min(best, distance(t, target));
            }
            sum += best;
        }
        return sum / samples.size();
    }

    /** Mean distance between samples of different seeds. */
    static double spread(List<BufferedImage> samples) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                sum += distance(histogram(samples.get(i)), histogram(samples.get(j)));
                pairs++;
            }
        }
        return sum / pairs;
    }

    /** Mean distance between samples of the same seed. */
    static double pairwise(List<BufferedImage> a, List<BufferedImage> b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += distance(histogram(a.get(i)), histogram(b.get(i)));
        }
        return sum / a.size();
    }
}
