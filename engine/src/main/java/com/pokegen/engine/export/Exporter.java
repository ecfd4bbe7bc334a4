package com.pokegen.engine.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.io.JsonFiles;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.text.BertConfig;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.PokegenMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes one of our pipeline folders as a self-contained diffusers folder that
 * {@code DiffusionPipeline.from_pretrained(folder)} opens with no PokéGen code: the bundled
 * MiniLM text encoder (ONNX, not in our folders) becomes transformers' {@code BertModel} weights
 * ({@link MiniLmConversion}) plus a {@code BertTokenizerFast} folder; UNet, VAE and scheduler
 * are copied byte for byte; {@code pokegen.json} keeps our metadata without the MiniLM marker.
 * A CLIP folder is already self-contained and is copied as it is.
 *
 * <p>{@code text_encoder/config.json} sets {@code use_attention_mask: true}, the switch that makes
 * diffusers' {@code encode_prompt} pass the padding mask, as our pipeline does; see the
 * {@code README.md} written into the folder for what matches and what does not.
 */
public final class Exporter {

    public static final String README = "README.md";
    private static final Map<String, String> PT_FORMAT = Map.of("format", "pt");
    private static final String[] COPIED = {
        DiffusionPipeline.UNET, DiffusionPipeline.VAE, DiffusionPipeline.SCHEDULER
    };

    private Exporter() {}

    /** What an export wrote. */
    public record Result(Path folder, boolean textEncoderConverted, int textEncoderTensors) {}

    /**
     * Exports {@code pipelineDir} to {@code outDir}. The folder is built in a hidden sibling and
     * renamed into place, so a failed export leaves nothing half-written.
     *
     * @param overwrite replace an existing non-empty {@code outDir}
     * @throws IOException naming the folder and the fix when the source is not a loadable
     *     pipeline, {@code outDir} exists, or the two folders overlap
     */
    public static Result export(Path pipelineDir, Path outDir, boolean overwrite) throws IOException {
        Path source = pipelineDir.toAbsolutePath().normalize();
        Path target = outDir.toAbsolutePath().normalize();
        if (target.startsWith(source) || source.startsWith(target)) {
            throw new IOException("--out " + target + " overlaps the model folder " + source
                    + "; export to a folder outside it");
        }
        if (Files.exists(target) && !isEmptyDirectory(target) && !overwrite) {
            throw new IOException(target + " already exists and is not empty; choose another folder or pass"
                    + " --overwrite");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        removeStaleTemps(target);
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path temp = parent.resolve("." + target.getFileName() + ".exporting-" + suffix);
        try {
            Result r;
            try (DiffusionPipeline pipeline = DiffusionPipeline.load(source)) {
                r = writeFolder(pipeline, source, temp);
            }
            replace(temp, target, suffix);
            return new Result(target, r.textEncoderConverted(), r.textEncoderTensors());
        } finally {
            deleteTree(temp);
        }
    }

    private static Result writeFolder(DiffusionPipeline pipeline, Path source, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String component : COPIED) {
            copyTree(source.resolve(component), dir.resolve(component));
        }
        ObjectNode index = JsonFiles.readObject(source.resolve("model_index.json"));
        Result r;
        if (pipeline.textEncoder() instanceof MiniLmTextEncoder) {
            int tensors = writeMiniLm(dir, pipeline.textEncoder().maxLength());
            index.putArray(DiffusionPipeline.TEXT_ENCODER).add("transformers").add("BertModel");
            index.putArray(DiffusionPipeline.TOKENIZER).add("transformers").add("BertTokenizerFast");
            r = new Result(dir, true, tensors);
        } else {
            copyTree(source.resolve(DiffusionPipeline.TEXT_ENCODER), dir.resolve(DiffusionPipeline.TEXT_ENCODER));
            copyTree(source.resolve(DiffusionPipeline.TOKENIZER), dir.resolve(DiffusionPipeline.TOKENIZER));
            r = new Result(dir, false, 0);
        }
        JsonFiles.write(dir.resolve("model_index.json"), diffusersIndex(index));
        PokegenMetadata metadata = pipeline.metadata().withTextEncoder(null);
        JsonFiles.write(dir.resolve(PokegenMetadata.FILE), metadata.toJson());
        AtomicFiles.writeString(dir.resolve(README), readme(r.textEncoderConverted(), pipeline.textEncoder().maxLength()));
        return r;
    }

    /** text_encoder/ (config + converted weights) and tokenizer/; returns the tensor count. */
    private static int writeMiniLm(Path dir, int maxLength) throws IOException {
        Map<String, HostTensor> weights = MiniLmConversion.bundled();
        Path textDir = dir.resolve(DiffusionPipeline.TEXT_ENCODER);
        Files.createDirectories(textDir);
        JsonFiles.write(textDir.resolve("config.json"), BertConfig.MINILM_L6_V2.toJson());
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            weights.forEach((k, v) -> arrays.put(k, v.toNDArray(manager)));
            Safetensors.write(textDir.resolve("model.safetensors"), arrays, PT_FORMAT);
        }
        byte[] tokenizer;
        try (InputStream in = MiniLmTextEncoder.class.getResourceAsStream(MiniLmTextEncoder.TOKENIZER_RESOURCE)) {
            if (in == null) {
                throw new IOException("class-path resource " + MiniLmTextEncoder.TOKENIZER_RESOURCE + " not found");
            }
            tokenizer = in.readAllBytes();
        }
        BertTokenizerFiles.write(dir.resolve(DiffusionPipeline.TOKENIZER), tokenizer,
                "classpath:" + MiniLmTextEncoder.TOKENIZER_RESOURCE, maxLength);
        return weights.size();
    }

    /** StableDiffusionPipeline's keys: optional components absent, no safety checker required. */
    static ObjectNode diffusersIndex(ObjectNode index) {
        index.put("_class_name", "StableDiffusionPipeline");
        if (!index.has("_diffusers_version")) {
            index.put("_diffusers_version", UNet2DConditionConfig.DIFFUSERS_VERSION);
        }
        for (String absent : new String[] {"safety_checker", "feature_extractor", "image_encoder"}) {
            index.putArray(absent).addNull().addNull();
        }
        index.put("requires_safety_checker", false);
        return index;
    }

    static String readme(boolean converted, int maxLength) {
        StringBuilder b = new StringBuilder();
        b.append("# PokéGen Studio export\n\n")
                .append("A diffusers `StableDiffusionPipeline` folder:\n\n")
                .append("```python\nfrom diffusers import DiffusionPipeline\n")
                .append("pipe = DiffusionPipeline.from_pretrained(\"path/to/this/folder\")\n")
                .append("image = pipe(\"a red fire type pokemon\", num_inference_steps=1, guidance_scale=0.0).images[0]\n")
                .append("```\n\n")
                .append("`pokegen.json` holds PokéGen's metadata (recommended sampler settings, provenance);"
                        + " diffusers ignores it.\n");
        if (converted) {
            b.append("\n## Text encoder: all-MiniLM-L6-v2 as transformers `BertModel`\n\n")
                    .append("PokéGen runs this encoder from an ONNX file; here its weights are converted to"
                            + " transformers' names (103 tensors, 22,713,216 parameters; linear weights"
                            + " transposed back from ONNX's [in, out]).\n\n")
                    .append("What matches PokéGen:\n\n")
                    .append("- `last_hidden_state` for the same ids and attention mask (checked to ≤ 1e-4"
                            + " against ONNX Runtime).\n")
                    .append("- Tokenization: lower-cased WordPiece, `[CLS] … [SEP]`, right-padded with `[PAD]`"
                            + " to `model_max_length` = ").append(maxLength)
                    .append(", long prompts cut to ").append(maxLength - 2).append(" word pieces + `[SEP]`.\n")
                    .append("- The padding mask: `text_encoder/config.json` sets `use_attention_mask: true`,"
                            + " which makes diffusers' `encode_prompt` pass `attention_mask` (without it,"
                            + " every position would also attend to the padding and every state would"
                            + " differ from what the UNet was trained on). Other code calling"
                            + " `text_encoder(input_ids)` without the mask gets different states.\n\n")
                    .append("What does not:\n\n")
                    .append("- `pooler_output`: the ONNX file has no pooler, so `pooler.dense` is all zeros"
                            + " and `pooler_output` is 0. Stable Diffusion pipelines do not use it."
                            + " PokéGen's pooled vector is sentence-transformers' normalised mean of"
                            + " `last_hidden_state` over real tokens.\n")
                    .append("- Results agree to float32 rounding, not bit for bit (different kernels).\n")
                    .append("- diffusers logs \"Expected types for text_encoder: ['CLIPTextModel'], got BertModel\";"
                            + " it is a warning only: the pipeline calls the encoder the same way.\n");
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------ files

    /**
     * Deletes what a killed export of {@code target} left beside it (a full hidden copy each):
     * {@code .NAME.exporting-*} and {@code .NAME.old-*}.
     */
    static void removeStaleTemps(Path target) throws IOException {
        String prefix = "." + target.getFileName();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(),
                p -> p.getFileName().toString().startsWith(prefix + ".exporting-")
                        || p.getFileName().toString().startsWith(prefix + ".old-"))) {
            for (Path stale : siblings) {
                deleteTree(stale);
            }
        }
    }

    private static void replace(Path temp, Path target, String suffix) throws IOException {
        if (!Files.exists(target)) {
            Files.move(temp, target);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + suffix);
        Files.move(target, old);
        Files.move(temp, target);
        deleteTree(old);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IOException(from + " is missing; the model folder is incomplete");
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, dest);
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

    private static void deleteTree(Path root) throws IOException {
        AtomicFiles.deleteTree(root);
    }
}
