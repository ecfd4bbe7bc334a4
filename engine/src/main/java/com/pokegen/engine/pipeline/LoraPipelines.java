package com.pokegen.engine.pipeline;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.Checksums;
import com.pokegen.engine.model.lora.LoraFiles;
import com.pokegen.engine.model.lora.LoraNetwork;
import com.pokegen.engine.model.lora.LoraSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * LoRA files applied to a pipeline's UNet: stacked at run time (each with its scale; the base
 * weights stay untouched) or merged into a new diffusers folder.
 */
public final class LoraPipelines {

    private LoraPipelines() {}

    /** LoRAs attached to a UNet; closing detaches them and frees their weights. */
    public static final class Attached implements AutoCloseable {
        private final NDManager manager;
        private final List<LoraNetwork> networks = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        private Attached(NDManager manager) {
            this.manager = manager;
        }

        /** One line per skipped key group (lenient loading). */
        public List<String> warnings() {
            return List.copyOf(warnings);
        }

        public List<LoraNetwork> networks() {
            return List.copyOf(networks);
        }

        @Override
        public void close() {
            networks.forEach(LoraNetwork::detach);
            manager.close();
        }
    }

    /**
     * Loads every LoRA (all are checked before any is attached) and stacks them on the pipeline's
     * UNet: y = W₀x + Σᵢ scaleᵢ·(αᵢ/rᵢ)·BᵢAᵢx.
     */
    public static Attached attach(DiffusionPipeline pipeline, List<LoraSpec> specs, boolean lenient)
            throws IOException {
        Attached a = new Attached(NDManager.newBaseManager());
        try {
            for (LoraSpec s : specs) {
                LoraFiles.Loaded l = LoraFiles.load(s.file(), pipeline.unet(), baseName(pipeline), a.manager, lenient);
                a.networks.add(l.network());
                if (!l.skipped().isEmpty()) {
                    a.warnings.add(s.file() + ": skipped " + l.skipped().size() + " key(s) that match no UNet layer");
                }
            }
            for (int i = 0; i < specs.size(); i++) {
                a.networks.get(i).attach(specs.get(i).scale());
            }
            return a;
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /**
     * Writes {@code base} with the LoRAs merged into its UNet weights as a full diffusers folder
     * at {@code out} (refused when {@code out} exists and is not empty). pokegen.json records the
     * base and every LoRA (file, SHA-256, scale).
     */
    public static void merge(Path base, List<LoraSpec> specs, Path out, boolean lenient) throws IOException {
        try (DiffusionPipeline p = DiffusionPipeline.load(base);
                NDManager m = NDManager.newBaseManager()) {
            for (LoraSpec s : specs) {
                LoraFiles.load(s.file(), p.unet(), baseName(p), m, lenient).network().merge(s.scale());
            }
            DiffusionPipeline.builder().setTextEncoder(p.textEncoder(), p.tokenizerDir()).setUnet(p.unet())
                    .setCodec(p.codec()).setSchedulerConfig(p.schedulerConfig()).optMetadata(mergedMetadata(p, specs))
                    .build().save(out, false);
        }
    }

    private static PokegenMetadata mergedMetadata(DiffusionPipeline p, List<LoraSpec> specs) throws IOException {
        PokegenMetadata m = p.metadata();
        ObjectNode prov = JsonNodeFactory.instance.objectNode();
        prov.put("base", p.modelId());
        if (m.provenance() != null) {
            prov.set("base_provenance", m.provenance());
        }
        ArrayNode loras = prov.putArray("merged_loras");
        StringBuilder id = new StringBuilder(p.modelId());
        for (LoraSpec s : specs) {
            loras.addObject().put("file", s.file().getFileName().toString())
                    .put("sha256", Checksums.sha256(s.file())).put("scale", s.scale());
            id.append("+lora:").append(s.file().getFileName()).append('@').append(s.scale());
        }
        return new PokegenMetadata(id.toString(), m.role(), m.textEncoder(), m.recommended(), prov);
    }

    /** The base model as messages name it: its folder, or "the in-memory model". */
    static String baseName(DiffusionPipeline p) {
        return p.source() == null ? "the in-memory model" : p.source().toString();
    }
}
