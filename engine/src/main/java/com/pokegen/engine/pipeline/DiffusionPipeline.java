package com.pokegen.engine.pipeline;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.io.Checksums;
import com.pokegen.engine.io.ModelIndex;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.text.BertTextEncoder;
import com.pokegen.engine.model.text.ClipTextEncoder;
import com.pokegen.engine.model.text.ClipTokenizers;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import com.pokegen.engine.model.text.TextEncoder;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.model.vae.ImageCodec;
import com.pokegen.engine.model.vae.PixelSpace;
import com.pokegen.engine.schedule.Scheduler;
import com.pokegen.engine.schedule.Schedulers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Stable-Diffusion-shaped text-to-image model: text encoder (+ tokenizer), UNet, VAE (or none:
 * a pixel-space model records {@code "vae": [null, null]} and denoises RGB, see {@link PixelSpace}),
 * scheduler config and our {@code pokegen.json} metadata, as one diffusers folder
 * ({@code StableDiffusionPipeline.save_pretrained} layout, so diffusers opens our exports and we
 * open SD 1.x/2.x folders).
 *
 * <p>Text encoders: {@code ["transformers", "CLIPTextModel"]} from {@code text_encoder/} +
 * {@code tokenizer/}, or the bundled MiniLM, recorded as {@code ["transformers", "BertModel"]}
 * with {@code "text_encoder": "minilm-l6-v2-onnx"} in {@code pokegen.json} and no weights in
 * the folder, or {@code ["transformers", "BertModel"]} with weights in {@code text_encoder/} and a
 * {@code tokenizer/tokenizer.json} (what {@code pokegen export} writes), run by {@link BertTextEncoder}.
 */
public final class DiffusionPipeline implements AutoCloseable {

    public static final String UNET = "unet";
    public static final String VAE = "vae";
    public static final String TEXT_ENCODER = "text_encoder";
    public static final String TOKENIZER = "tokenizer";
    public static final String SCHEDULER = "scheduler";
    public static final String SCHEDULER_CONFIG = "scheduler_config.json";
    static final String CLIP_WEIGHTS = "model.safetensors";
    private static final Map<String, String> PT_FORMAT = Map.of("format", "pt");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TextEncoder textEncoder;
    private final Path tokenizerDir;
    private final UNet2DConditionModel unet;
    private final ImageCodec codec;
    private final ObjectNode schedulerConfig;
    private final PokegenMetadata metadata;
    private final Path source;
    private final AutoCloseable owned;
    private final PromptStates promptStates;
    private volatile String modelId;

    private DiffusionPipeline(Builder b, Path source, AutoCloseable owned) {
        this.textEncoder = b.textEncoder;
        this.tokenizerDir = b.tokenizerDir;
        this.unet = b.unet;
        this.codec = b.codec;
        this.schedulerConfig = b.schedulerConfig.deepCopy();
        this.metadata = b.metadata;
        this.source = source;
        this.owned = owned;
        checkCompatible();
        this.promptStates = new PromptStates(textEncoder);
    }

    /** Recently encoded prompts of this pipeline's text encoder (see {@link PromptStates}). */
    PromptStates promptStates() {
        return promptStates;
    }

    private void checkCompatible() {
        int cross = unet.config().crossAttentionDim().get(0);
        if (textEncoder.hiddenSize() != cross) {
            throw new IllegalArgumentException("the text encoder's width " + textEncoder.hiddenSize()
                    + " differs from the UNet's cross_attention_dim " + cross + " (" + where(UNET)
                    + "config.json); use the text encoder the UNet was trained with");
        }
        int latent = codec.latentChannels();
        if (unet.config().inChannels() != latent || unet.config().outChannels() != latent) {
            throw new IllegalArgumentException("the UNet's in/out channels (" + unet.config().inChannels() + "/"
                    + unet.config().outChannels() + ") differ from the " + (codec.isPixelSpace()
                    ? "3 RGB channels of a pixel-space model (it has no vae/ folder)" : "VAE's latent_channels " + latent));
        }
        Schedulers.fromConfig(schedulerConfig); // validates
    }

    private String where(String component) {
        return source == null ? component + "/" : source.resolve(component) + "/";
    }

    public static Builder builder() {
        return new Builder();
    }

    public TextEncoder textEncoder() {
        return textEncoder;
    }

    /** The tokenizer folder the text encoder reads (null for the bundled MiniLM). */
    public Path tokenizerDir() {
        return tokenizerDir;
    }

    public UNet2DConditionModel unet() {
        return unet;
    }

    /** The VAE, or {@link PixelSpace#RGB} for a pixel-space model. */
    public ImageCodec codec() {
        return codec;
    }

    /** A copy of the folder's {@code scheduler_config.json}. */
    public ObjectNode schedulerConfig() {
        return schedulerConfig.deepCopy();
    }

    /** A fresh scheduler built from the folder's config. */
    public Scheduler newScheduler() {
        return Schedulers.fromConfig(schedulerConfig);
    }

    public PokegenMetadata metadata() {
        return metadata;
    }

    /** The folder this pipeline was loaded from, or null when assembled in memory. */
    public Path source() {
        return source;
    }

    /** The UNet as the sampling loop's denoiser. */
    public Denoiser denoiser() {
        return Denoiser.of(unet);
    }

    /**
     * Names the model for provenance: {@code pokegen.json}'s id when set, else a SHA-256 of the
     * folder's index, configs and UNet weights (hashed once), or "in-memory" when not from a folder.
     */
    public String modelId() {
        if (metadata.id() != null) {
            return metadata.id();
        }
        if (source == null) {
            return "in-memory";
        }
        if (modelId == null) {
            try {
                modelId = "sha256:" + Checksums.fingerprint(source.resolve(ModelIndex.FILE_NAME),
                        source.resolve(UNET).resolve(UNet2DConditionModel.CONFIG_FILE),
                        source.resolve(UNET).resolve(UNet2DConditionModel.WEIGHTS_FILE),
                        source.resolve(SCHEDULER).resolve(SCHEDULER_CONFIG));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot hash the model folder " + source, e);
            }
        }
        return modelId;
    }

    // ------------------------------------------------------------------------------------ load

    /**
     * Loads a diffusers folder. Every component named in {@code model_index.json} must be there
     * with its config and weights; errors name the missing file.
     */
    public static DiffusionPipeline load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("model folder " + dir + " does not exist or is not a directory"
                    + " (give --model a diffusers pipeline folder)");
        }
        if (Checksums.present(dir)) {
            Checksums.verify(dir); // shipped models: refuse damaged files
        }
        ModelIndex index = ModelIndex.read(dir);
        for (String c : new String[] {UNET, SCHEDULER, TEXT_ENCODER}) {
            if (!index.component(c).map(ModelIndex.Component::isPresent).orElse(false)) {
                throw new IOException(dir.resolve(ModelIndex.FILE_NAME) + ": no \"" + c + "\" component; a"
                        + " text-to-image folder needs unet, scheduler, text_encoder and tokenizer (and vae unless it works in pixel space)");
            }
        }
        PokegenMetadata metadata = PokegenMetadata.read(dir);
        requireFile(dir, UNET, UNet2DConditionModel.CONFIG_FILE);
        requireFile(dir, UNET, UNet2DConditionModel.WEIGHTS_FILE);
        boolean latent = index.component(VAE).map(ModelIndex.Component::isPresent).orElse(false);
        if (latent) {
            requireFile(dir, VAE, AutoencoderKL.CONFIG_FILE);
            requireFile(dir, VAE, AutoencoderKL.WEIGHTS_FILE);
        }
        ObjectNode schedulerConfig = readSchedulerConfig(dir);

        // The text encoder (ONNX Runtime or its own weights) opens on a second thread while this
        // one starts libtorch and reads the UNet and VAE: on two cores that halves a cold load.
        ExecutorService opener = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pokegen-text-encoder-load");
            t.setDaemon(true);
            return t;
        });
        Future<TextEncoder> pendingText = opener.submit(() -> openTextEncoder(dir, index, metadata));
        opener.shutdown();
        NDManager weights = NDManager.newBaseManager();
        TextEncoder text = null;
        try {
            Builder b = builder().setSchedulerConfig(schedulerConfig).optMetadata(metadata);
            try {
                b.unet = UNet2DConditionModel.fromFolder(dir.resolve(UNET), weights, true);
                b.codec = latent ? AutoencoderKL.fromFolder(dir.resolve(VAE), weights, true) : PixelSpace.RGB;
            } catch (IOException | RuntimeException e) {
                closeQuietly(pendingText, e); // joined, so a failure here never leaks the encoder
                throw e;
            }
            text = join(pendingText);
            b.textEncoder = text;
            b.tokenizerDir = text instanceof MiniLmTextEncoder ? null : dir.resolve(TOKENIZER);
            TextEncoder ownedText = text;
            try {
                return new DiffusionPipeline(b, dir, () -> {
                    try {
                        ownedText.close();
                    } finally {
                        weights.close();
                    }
                });
            } catch (IllegalArgumentException e) {
                throw new IOException(dir + ": " + e.getMessage(), e);
            }
        } catch (IOException | RuntimeException e) {
            if (text != null) {
                text.close();
            }
            weights.close();
            throw e;
        }
    }

    /** Waits for the encoder being opened and closes it; its own failure is added to {@code primary}. */
    private static void closeQuietly(Future<TextEncoder> pending, Exception primary) {
        try {
            join(pending).close();
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    /** The opened text encoder, or the opener's own IOException / RuntimeException. */
    private static TextEncoder join(Future<TextEncoder> pending) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return pending.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the opener cannot be abandoned with a native session half open
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            } else if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            } else if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException("opening the text encoder failed: " + cause, cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void requireFile(Path dir, String component, String file) throws IOException {
        Path p = dir.resolve(component).resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IOException("incomplete model folder " + dir + ": " + component + "/" + file
                    + " is missing (a diffusers " + component + " folder needs it)");
        }
    }

    private static ObjectNode readSchedulerConfig(Path dir) throws IOException {
        requireFile(dir, SCHEDULER, SCHEDULER_CONFIG);
        Path file = dir.resolve(SCHEDULER).resolve(SCHEDULER_CONFIG);
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (n == null || !n.isObject()) {
            throw new IOException(file + ": expected a JSON object");
        }
        try {
            Schedulers.fromConfig((ObjectNode) n);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return (ObjectNode) n;
    }

    private static TextEncoder openTextEncoder(Path dir, ModelIndex index, PokegenMetadata metadata)
            throws IOException {
        String cls = index.component(TEXT_ENCODER).orElseThrow().className();
        if (PokegenMetadata.MINILM.equals(metadata.textEncoder())) {
            if (!cls.equals("BertModel")) {
                throw new IOException(dir + ": pokegen.json says text_encoder \"" + PokegenMetadata.MINILM
                        + "\" but model_index.json names " + cls + " (expected [\"transformers\", \"BertModel\"])");
            }
            return MiniLmTextEncoder.open();
        }
        switch (cls) {
            case "CLIPTextModel":
                requireFile(dir, TEXT_ENCODER, "config.json");
                requireFile(dir, TEXT_ENCODER, CLIP_WEIGHTS);
                if (!index.component(TOKENIZER).map(ModelIndex.Component::isPresent).orElse(false)
                        || !Files.isDirectory(dir.resolve(TOKENIZER))) {
                    throw new IOException("incomplete model folder " + dir + ": tokenizer/ is missing");
                }
                return ClipTextEncoder.open(dir.resolve(TEXT_ENCODER), dir.resolve(TOKENIZER),
                        ClipTokenizers.Backend.AUTO, 0);
            case "BertModel":
                if (!Files.isRegularFile(dir.resolve(TEXT_ENCODER).resolve(CLIP_WEIGHTS))) {
                    throw new IOException(dir + ": text_encoder is BertModel but text_encoder/" + CLIP_WEIGHTS
                            + " is missing and pokegen.json does not say \"text_encoder\": \""
                            + PokegenMetadata.MINILM + "\" (the bundled MiniLM)");
                }
                requireFile(dir, TEXT_ENCODER, "config.json");
                requireFile(dir, TOKENIZER, "tokenizer.json");
                return BertTextEncoder.open(dir.resolve(TEXT_ENCODER), dir.resolve(TOKENIZER));
            default:
                throw new IOException(dir + ": text_encoder class " + cls + " is not supported (use"
                        + " CLIPTextModel, or BertModel with weights or the bundled MiniLM)");
        }
    }

    // ------------------------------------------------------------------------------------ save

    /**
     * Writes the pipeline as a diffusers folder. The folder is built beside {@code dir} and
     * renamed into place, so readers never see half a model. Refuses an existing non-empty
     * {@code dir} unless {@code replace}.
     */
    public void save(Path dir, boolean replace) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyDirectory(target) && !replace) {
            throw new IOException(target + " already exists and is not empty; choose another folder or"
                    + " allow replacing it");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path temp = parent.resolve("." + target.getFileName() + ".saving-" + suffix);
        try {
            writeFolder(temp);
            if (Files.exists(target)) {
                Path old = parent.resolve("." + target.getFileName() + ".old-" + suffix);
                Files.move(target, old);
                Files.move(temp, target);
                AtomicFiles.deleteTree(old);
            } else {
                Files.move(temp, target);
            }
        } finally {
            AtomicFiles.deleteTree(temp);
        }
    }

    private void writeFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, ModelIndex.Component> components = new LinkedHashMap<>();
        components.put(SCHEDULER,
                new ModelIndex.Component("diffusers", schedulerConfig.path("_class_name").asText()));
        writeTextEncoder(dir, components);
        components.put(UNET, new ModelIndex.Component("diffusers", UNet2DConditionConfig.CLASS_NAME));
        if (codec instanceof AutoencoderKL) {
            AutoencoderKL vae = (AutoencoderKL) codec;
            components.put(VAE, new ModelIndex.Component("diffusers", "AutoencoderKL"));
            writeJson(dir.resolve(VAE).resolve(AutoencoderKL.CONFIG_FILE), vae.config().toJson());
            Safetensors.write(dir.resolve(VAE).resolve(AutoencoderKL.WEIGHTS_FILE), StateDict.arrays(vae), PT_FORMAT);
        } else {
            components.put(VAE, new ModelIndex.Component(null, null)); // pixel space: no autoencoder
        }

        writeJson(dir.resolve(UNET).resolve(UNet2DConditionModel.CONFIG_FILE), unet.config().toJson());
        Safetensors.write(dir.resolve(UNET).resolve(UNet2DConditionModel.WEIGHTS_FILE),
                StateDict.arrays(unet), PT_FORMAT);
        writeJson(dir.resolve(SCHEDULER).resolve(SCHEDULER_CONFIG), schedulerConfig);
        ModelIndex.stableDiffusion(UNet2DConditionConfig.DIFFUSERS_VERSION, components).write(dir);
        writeJson(dir.resolve(PokegenMetadata.FILE), metadata.toJson());
    }

    private void writeTextEncoder(Path dir, Map<String, ModelIndex.Component> components) throws IOException {
        if (textEncoder instanceof ClipTextEncoder) {
            ClipTextEncoder clip = (ClipTextEncoder) textEncoder;
            components.put(TEXT_ENCODER, new ModelIndex.Component("transformers", "CLIPTextModel"));
            components.put(TOKENIZER, new ModelIndex.Component("transformers", "CLIPTokenizer"));
            writeJson(dir.resolve(TEXT_ENCODER).resolve("config.json"), clip.model().config().toJson());
            Safetensors.write(dir.resolve(TEXT_ENCODER).resolve(CLIP_WEIGHTS), StateDict.arrays(clip.model()),
                    PT_FORMAT);
            copyFiles(tokenizerDir, dir.resolve(TOKENIZER));
        } else if (textEncoder instanceof BertTextEncoder) {
            BertTextEncoder bert = (BertTextEncoder) textEncoder;
            components.put(TEXT_ENCODER, new ModelIndex.Component("transformers", "BertModel"));
            components.put(TOKENIZER, new ModelIndex.Component("transformers", "BertTokenizerFast"));
            writeJson(dir.resolve(TEXT_ENCODER).resolve("config.json"), bert.model().config().toJson());
            Safetensors.write(dir.resolve(TEXT_ENCODER).resolve(CLIP_WEIGHTS), StateDict.arrays(bert.model()),
                    PT_FORMAT);
            copyFiles(tokenizerDir, dir.resolve(TOKENIZER));
        } else if (textEncoder instanceof MiniLmTextEncoder) {
            components.put(TEXT_ENCODER, new ModelIndex.Component("transformers", "BertModel"));
            components.put(TOKENIZER, new ModelIndex.Component("transformers", "BertTokenizerFast"));
        } else {
            throw new IOException("cannot save a " + textEncoder.getClass().getSimpleName()
                    + " text encoder; only CLIP, BERT and the bundled MiniLM have a folder format");
        }
    }

    private static void writeJson(Path file, JsonNode node) throws IOException {
        AtomicFiles.writeBytes(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName().toString()));
                }
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /** Closes what {@link #load} opened; an assembled pipeline leaves its parts to their owner. */
    @Override
    public void close() {
        if (owned == null) {
            return;
        }
        try {
            owned.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the pipeline failed", e);
        }
    }

    /**
     * Assembles a pipeline from components the caller owns (a trainer's UNet, say); closing the
     * result closes nothing. {@code setX} are required, {@code optX} optional.
     */
    public static final class Builder {
        private TextEncoder textEncoder;
        private Path tokenizerDir;
        private UNet2DConditionModel unet;
        private ImageCodec codec;
        private ObjectNode schedulerConfig;
        private PokegenMetadata metadata = PokegenMetadata.NONE;

        private Builder() {}

        /**
         * @param tokenizerDir the folder whose tokenizer files a save copies (required for CLIP;
         *     null for MiniLM)
         */
        public Builder setTextEncoder(TextEncoder encoder, Path tokenizerDir) {
            this.textEncoder = encoder;
            this.tokenizerDir = tokenizerDir;
            return this;
        }

        public Builder setUnet(UNet2DConditionModel unet) {
            this.unet = unet;
            return this;
        }

        /** An {@link AutoencoderKL}, or {@link PixelSpace#RGB} for a pixel-space model. */
        public Builder setCodec(ImageCodec codec) {
            this.codec = codec;
            return this;
        }

        /** A diffusers scheduler_config.json ({@code Scheduler.toConfig()} gives one). */
        public Builder setSchedulerConfig(ObjectNode config) {
            this.schedulerConfig = config;
            return this;
        }

        /** Default: {@link PokegenMetadata#NONE}; MiniLM encoders get the marker automatically. */
        public Builder optMetadata(PokegenMetadata metadata) {
            this.metadata = metadata;
            return this;
        }

        public DiffusionPipeline build() {
            if (textEncoder == null || unet == null || codec == null || schedulerConfig == null) {
                throw new IllegalArgumentException("DiffusionPipeline needs a text encoder, UNet, codec (VAE or pixel space) and scheduler config");
            }
            if ((textEncoder instanceof ClipTextEncoder || textEncoder instanceof BertTextEncoder)
                    && tokenizerDir == null) {
                throw new IllegalArgumentException("a CLIP or BERT text encoder needs its tokenizer folder (to save it)");
            }
            if (textEncoder instanceof MiniLmTextEncoder && metadata.textEncoder() == null) {
                metadata = metadata.withTextEncoder(PokegenMetadata.MINILM);
            }
            return new DiffusionPipeline(this, null, null);
        }
    }
}
