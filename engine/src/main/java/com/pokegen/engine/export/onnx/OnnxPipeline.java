package com.pokegen.engine.export.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.JsonFiles;
import com.pokegen.engine.model.nn.FloatTensor;
import com.pokegen.engine.model.nn.Tensors;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import com.pokegen.engine.model.text.TextEncoder;
import com.pokegen.engine.model.vae.DiagonalGaussian;
import com.pokegen.engine.model.vae.ImageCodec;
import com.pokegen.engine.model.vae.PixelSpace;
import com.pokegen.engine.pipeline.Denoiser;
import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.TextToImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An ONNX export ({@link OnnxExport}) run by ONNX Runtime: the MiniLM text encoder, the UNet and
 * the VAE decoder are ORT sessions; the seeded noise, the scheduler and the sampling loop are the
 * engine's own ({@link TextToImage}), so the same seed gives the same image as the libtorch
 * backend up to float rounding.
 */
public final class OnnxPipeline implements AutoCloseable {

    private final Path dir;
    private final WeightPrecision precision;
    private final ObjectNode manifest;
    private final TextEncoder textEncoder;
    private final OrtNetwork unet;
    private final OrtNetwork decoder;
    private final ImageCodec codec;

    private OnnxPipeline(Path dir, WeightPrecision precision, ObjectNode manifest, TextEncoder textEncoder,
            OrtNetwork unet, OrtNetwork decoder) {
        this.dir = dir;
        this.precision = precision;
        this.manifest = manifest;
        this.textEncoder = textEncoder;
        this.unet = unet;
        this.decoder = decoder;
        JsonNode latents = manifest.path("latents");
        this.codec = decoder == null ? PixelSpace.RGB
                : new OrtDecoder(decoder, latents.path("channels").asInt(), latents.path("downsample_factor").asInt(),
                        (float) latents.path("scaling_factor").asDouble(),
                        latents.path("shift_factor").isNumber() ? (float) latents.path("shift_factor").asDouble() : null);
    }

    /**
     * Opens the export in {@code dir} with the UNet and decoder of {@code precision}.
     *
     * @throws IOException naming the missing file or field and how to make it
     */
    public static OnnxPipeline open(Path dir, WeightPrecision precision) throws IOException {
        Path file = dir.resolve(OnnxExport.MANIFEST);
        if (!Files.isRegularFile(file)) {
            String how = Files.isRegularFile(dir.resolve("model_index.json"))
                    ? "it is a pipeline folder: run it with --backend libtorch, or export it with ./pokegen export"
                            + " --format onnx --model " + dir + " --out EXPORT_DIR and pass EXPORT_DIR"
                    : "make one with ./pokegen export --format onnx --model PIPELINE_DIR --out EXPORT_DIR";
            throw new IOException(dir + " is not an ONNX export: " + OnnxExport.MANIFEST + " is missing (" + how + ")");
        }
        ObjectNode m = JsonFiles.readObject(file);
        int format = m.path("format").asInt(-1);
        if (format != OnnxExport.FORMAT) {
            throw new IOException(file + ": \"format\" is " + m.get("format") + "; this engine reads format "
                    + OnnxExport.FORMAT + " (export again with this version)");
        }
        Path unetFile = componentFile(dir, m, "unet", precision);
        Path decoderFile = m.path("vae_decoder").isNull() ? null : componentFile(dir, m, "vae_decoder", precision);
        JsonNode te = m.path("text_encoder");
        Path textFile = dir.resolve(requireText(file, te, "file"));
        Path tokenizer = dir.resolve(requireText(file, te, "tokenizer"));
        TextEncoder text = null;
        OrtNetwork u = null;
        OrtNetwork d = null;
        try {
            text = MiniLmTextEncoder.open(textFile, tokenizer, te.path("max_length").asInt(MiniLmTextEncoder.DEFAULT_MAX_LENGTH));
            u = OrtNetwork.open(unetFile);
            d = decoderFile == null ? null : OrtNetwork.open(decoderFile);
            return new OnnxPipeline(dir, precision, m, text, u, d);
        } catch (IOException | RuntimeException e) {
            if (text != null) {
                text.close();
            }
            if (u != null) {
                u.close();
            }
            throw e;
        }
    }

    private static Path componentFile(Path dir, ObjectNode m, String component, WeightPrecision precision)
            throws IOException {
        JsonNode files = m.path(component).path("files");
        if (!files.isObject()) {
            throw new IOException(dir.resolve(OnnxExport.MANIFEST) + ": \"" + component + ".files\" is missing");
        }
        JsonNode f = files.get(precision.id());
        if (f == null || !f.isTextual()) {
            throw new IOException(dir + " has no " + precision.id() + " " + component + " (exported: "
                    + iterable(files) + "); choose one of those or export again with --precision " + precision.id());
        }
        return dir.resolve(f.asText());
    }

    private static String iterable(JsonNode object) {
        StringBuilder b = new StringBuilder();
        object.fieldNames().forEachRemaining(n -> b.append(b.length() == 0 ? "" : ", ").append(n));
        return b.toString();
    }

    private static String requireText(Path file, JsonNode node, String key) throws IOException {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw new IOException(file + ": \"text_encoder." + key + "\" is missing; export again");
        }
        return v.asText();
    }

    /** The engine's sampling loop over these sessions. */
    public TextToImage textToImage() throws IOException {
        Path schedulerFile = dir.resolve(manifest.path("scheduler").path("config").asText("scheduler/scheduler_config.json"));
        ObjectNode scheduler = JsonFiles.readObject(schedulerFile);
        PokegenMetadata metadata = PokegenMetadata.read(dir);
        String id = (metadata.id() != null ? metadata.id() : manifest.path("source_model").asText("onnx"))
                + "+onnxruntime-" + precision.id();
        TextToImage.Components parts = new TextToImage.Components(textEncoder, codec, scheduler, metadata.recommended(),
                manifest.path("latents").path("height").asInt(), id);
        return TextToImage.builder().setComponents(parts).optDenoiser(denoiser()).build();
    }

    /** The ORT UNet as the sampling loop's denoiser (output on the sample's manager). */
    public Denoiser denoiser() {
        return (sample, timestep, text) -> {
            FloatTensor out = unet.run(Map.of(UNetOnnx.SAMPLE, FloatTensor.of(sample), UNetOnnx.TIMESTEP,
                    FloatTensor.of(timestep.reshape(-1)), UNetOnnx.TEXT, FloatTensor.of(text)));
            return Tensors.floats(sample.getManager(), out.data(), new Shape(out.shape()));
        };
    }

    OrtNetwork unetNetwork() {
        return unet;
    }

    /** The decoder session, or null in pixel space. */
    OrtNetwork decoderNetwork() {
        return decoder;
    }

    public ImageCodec codec() {
        return codec;
    }

    public TextEncoder textEncoder() {
        return textEncoder;
    }

    public WeightPrecision precision() {
        return precision;
    }

    /** The parsed {@value OnnxExport#MANIFEST}. */
    public ObjectNode manifest() {
        return manifest.deepCopy();
    }

    /** Channels of the UNet's first level (for the generate command's memory check). */
    public int firstWidth() {
        return manifest.path("unet").path("first_width").asInt(64);
    }

    @Override
    public void close() {
        try {
            textEncoder.close();
        } finally {
            try {
                unet.close();
            } finally {
                if (decoder != null) {
                    decoder.close();
                }
            }
        }
    }

    /** The exported VAE decoder behind the engine's codec interface (decode direction only). */
    private static final class OrtDecoder implements ImageCodec {
        private final OrtNetwork decoder;
        private final int channels;
        private final int factor;
        private final float scaling;
        private final Float shift;

        OrtDecoder(OrtNetwork decoder, int channels, int factor, float scaling, Float shift) {
            this.decoder = decoder;
            this.channels = channels;
            this.factor = factor;
            this.scaling = scaling;
            this.shift = shift;
        }

        @Override
        public int latentChannels() {
            return channels;
        }

        @Override
        public int downsampleFactor() {
            return factor;
        }

        @Override
        public DiagonalGaussian encode(NDArray image) {
            throw new UnsupportedOperationException("the ONNX export holds the VAE decoder only; encoding images"
                    + " (image-to-image, training) needs the libtorch backend");
        }

        @Override
        public NDArray decode(NDArray latents) {
            FloatTensor out = decoder.run(Map.of(VaeDecoderOnnx.LATENT, FloatTensor.of(latents)));
            return Tensors.floats(latents.getManager(), out.data(), new Shape(out.shape()));
        }

        // the same ops, in the same order, as AutoencoderKL
        @Override
        public NDArray scaleLatents(NDArray z) {
            NDArray shifted = shift == null ? z : z.sub(shift);
            return shifted.mul(scaling);
        }

        @Override
        public NDArray unscaleLatents(NDArray latents) {
            NDArray z = latents.div(scaling);
            return shift == null ? z : z.add(shift);
        }

        @Override
        public float scalingFactor() {
            return scaling;
        }

        @Override
        public float shiftFactor() {
            return shift == null ? 0f : shift;
        }
    }
}
