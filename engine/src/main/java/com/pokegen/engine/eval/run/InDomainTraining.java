package com.pokegen.engine.eval.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.eval.ImageCaption;
import com.pokegen.engine.eval.InDomainConfig;
import com.pokegen.engine.eval.InDomainEncoder;
import com.pokegen.engine.train.DatasetExamples;
import com.pokegen.engine.train.Provenance;
import com.pokegen.engine.train.TrainingExample;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Trains the offline in-domain encoder ({@link InDomainEncoder}) on a dataset's included items,
 * one image–caption pair per caption (English, and French where the item has {@code text_fr}),
 * and saves it as a folder: {@value #ENCODER_FILE} (weights + dataset version + text encoder id)
 * and {@value #INFO_FILE} (what it was trained on and how). The folder is built under a temp
 * name and renamed into place, so an interrupted run leaves no half-written encoder.
 */
public final class InDomainTraining {

    public static final String ENCODER_FILE = "in-domain.safetensors";
    public static final String INFO_FILE = "in-domain.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InDomainTraining() {}

    /**
     * What a training run produced.
     *
     * @param pairs image–caption pairs trained on (items × captions per item)
     */
    public record Result(Path dir, String encoderId, String datasetVersion, int items, int pairs, double firstLoss,
            double lastLoss, double temperature, double seconds) {}

    /**
     * @param overwrite replace an existing non-empty {@code outDir}
     * @param cancelled checked after every step; when true, training stops with a
     *     {@link CancellationException} and nothing is written
     */
    public static Result train(Path datasetDir, Path outDir, InDomainConfig config, boolean overwrite,
            InDomainEncoder.Listener listener, BooleanSupplier cancelled) throws IOException {
        Path target = outDir.toAbsolutePath().normalize();
        OutputFolder.check(target, overwrite, "--out");
        DatasetExamples.Loaded data = DatasetExamples.load(datasetDir);
        List<ImageCaption> pairs = pairs(data.examples());
        long t0 = System.nanoTime();
        double[] losses = {Double.NaN, Double.NaN};
        InDomainEncoder.Listener tracking = (step, total, loss, temperature) -> {
            if (step == 1) {
                losses[0] = loss;
            }
            losses[1] = loss;
            listener.onStep(step, total, loss, temperature);
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("in-domain training cancelled at step " + step);
            }
        };
        try (InDomainEncoder encoder = InDomainEncoder.train(pairs, data.version(), config, tracking)) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            Result result = new Result(target, encoder.id(), data.version(), data.examples().size(), pairs.size(),
                    losses[0], losses[1], encoder.temperature(), seconds);
            writeFolder(encoder, info(result, datasetDir, config), target);
            return result;
        }
    }

    /** The weights file of an encoder folder, or {@code dirOrFile} itself when it is a file. */
    public static Path encoderFile(Path dirOrFile) {
        return Files.isDirectory(dirOrFile) ? dirOrFile.resolve(ENCODER_FILE) : dirOrFile;
    }

    private static List<ImageCaption> pairs(List<TrainingExample> examples) throws IOException {
        List<ImageCaption> out = new ArrayList<>();
        for (TrainingExample e : examples) {
            BufferedImage image = e.image().load(); // shared by the item's captions
            for (String caption : e.captions()) {
                out.add(new ImageCaption(image, caption));
            }
        }
        return out;
    }

    private static ObjectNode info(Result r, Path datasetDir, InDomainConfig config) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", "pokegen-in-domain-encoder-info/1");
        o.put("label", "offline in-domain encoder: its Fréchet distance is \"in-domain FD\", never FID");
        o.put("encoder_id", r.encoderId());
        o.put("weights", ENCODER_FILE);
        o.put("dataset", datasetDir.toAbsolutePath().normalize().toString());
        o.put("dataset_version", r.datasetVersion());
        o.put("items", r.items());
        o.put("pairs", r.pairs());
        o.set("config", JSON.valueToTree(config));
        o.put("first_loss", r.firstLoss());
        o.put("last_loss", r.lastLoss());
        o.put("temperature", r.temperature());
        o.put("seconds", r.seconds());
        o.put("created", Instant.now().toString());
        o.set("environment", Provenance.environment());
        return o;
    }

    private static void writeFolder(InDomainEncoder encoder, ObjectNode info, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = AtomicFiles.tempSibling(target);
        try {
            Files.createDirectories(temp);
            encoder.save(temp.resolve(ENCODER_FILE));
            Files.write(temp.resolve(INFO_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(info));
            OutputFolder.replace(temp, target);
        } finally {
            AtomicFiles.deleteTree(temp);
        }
    }
}
