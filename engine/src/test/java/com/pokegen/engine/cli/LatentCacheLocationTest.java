package com.pokegen.engine.cli;

import static com.pokegen.engine.cli.PokegenCliAccess.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.io.UserCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reliability issue: training wrote its latent cache into the (possibly read-only) dataset folder. */
class LatentCacheLocationTest {

    private static final String TINY_UNET = """
            {"_class_name": "UNet2DConditionModel", "sample_size": 8, "in_channels": 4, "out_channels": 4,
             "layers_per_block": 1, "block_out_channels": [16, 32],
             "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D"],
             "up_block_types": ["CrossAttnUpBlock2D", "UpBlock2D"], "attention_head_dim": 2,
             "cross_attention_dim": 384, "norm_num_groups": 8}
            """;

    @TempDir
    Path dir;

    @Test
    void theTeacherCachesLatentsInTheUserCacheNotTheDataset() throws Exception {
        Path data = TinyRuns.dataset(dir);
        List<String> datasetBefore = tree(data);
        assertEquals(0, run(TinyRuns.trainVae(data, dir.resolve("vae"))));
        Path unet = dir.resolve("unet.json");
        Files.writeString(unet, TINY_UNET);
        Path cache = dir.resolve("user-cache");
        String before = System.getProperty(UserCache.LATENTS_PROPERTY);
        System.setProperty(UserCache.LATENTS_PROPERTY, cache.toString());
        try {
            assertEquals(0, run("train-teacher", "--data", data.toString(), "--run", dir.resolve("teacher").toString(),
                    "--vae", dir.resolve("vae/final").toString(), "--set", "model_preset=" + unet,
                    "--set", "resolution=16", "--set", "steps=1", "--set", "batch_size=2", "--set", "sample_every=0",
                    "--set", "checkpoint_every=0"));
        } finally {
            if (before == null) {
                System.clearProperty(UserCache.LATENTS_PROPERTY);
            } else {
                System.setProperty(UserCache.LATENTS_PROPERTY, before);
            }
        }
        assertEquals(datasetBefore, tree(data), "the dataset folder is not written");
        try (Stream<Path> s = Files.list(cache)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().matches("latents-[0-9a-f]{16}\\.safetensors")));
        }
    }

    private static List<String> tree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
