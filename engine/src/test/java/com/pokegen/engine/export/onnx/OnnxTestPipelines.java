package com.pokegen.engine.export.onnx;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.model.vae.PixelSpace;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.RecommendedSettings;
import java.nio.file.Path;

/** Small pipeline folders for the ONNX export tests. */
public final class OnnxTestPipelines {

    private static final String PIXEL_UNET = """
            {"_class_name": "UNet2DConditionModel", "sample_size": 16, "in_channels": 3, "out_channels": 3,
             "layers_per_block": 1, "block_out_channels": [16, 32],
             "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D"],
             "up_block_types": ["CrossAttnUpBlock2D", "UpBlock2D"], "attention_head_dim": 2,
             "cross_attention_dim": 384, "norm_num_groups": 8}
            """;
    private static final String SCHEDULER = """
            {"_class_name": "EulerAncestralDiscreteScheduler", "num_train_timesteps": 1000, "beta_start": 0.00085,
             "beta_end": 0.012, "beta_schedule": "scaled_linear", "prediction_type": "epsilon",
             "timestep_spacing": "trailing", "steps_offset": 1}
            """;

    private OnnxTestPipelines() {}

    /** A random-weight pixel-space student with the bundled MiniLM, saved as a pipeline folder. */
    public static Path pixelPipeline(Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(11);
            UNet2DConditionModel unet = new UNet2DConditionModel(
                    UNet2DConditionConfig.fromJson(json.readTree(PIXEL_UNET), "pixel unet"));
            unet.initialize(m);
            PokegenMetadata meta = new PokegenMetadata("pixel-test", "student", PokegenMetadata.MINILM,
                    RecommendedSettings.addStudent(2), null);
            try (MiniLmTextEncoder text = MiniLmTextEncoder.open()) {
                DiffusionPipeline p = DiffusionPipeline.builder().setTextEncoder(text, null).setUnet(unet)
                        .setCodec(PixelSpace.RGB).setSchedulerConfig((ObjectNode) json.readTree(SCHEDULER))
                        .optMetadata(meta).build();
                p.save(dir, false);
            }
        }
        return dir;
    }
}
