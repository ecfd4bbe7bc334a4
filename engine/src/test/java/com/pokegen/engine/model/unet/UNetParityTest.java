package com.pokegen.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.StateDict;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The UNet computes what diffusers computes (fixtures written by diffusers 0.40, fp32). */
class UNetParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"unet_sd15_like", "unet_sd2_like"})
    void matchesDiffusers(String name) throws Exception {
        Path dir = Fixtures.PARITY.resolve(name);
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = new UNet2DConditionModel(
                    UNet2DConditionConfig.fromFile(dir.resolve("config.json")));
            unet.initialize(m);
            Map<String, NDArray> weights = Safetensors.read(dir.resolve("weights.safetensors"), m);
            StateDict.LoadReport report = StateDict.load(unet, weights, true, name);
            assertTrue(report.isClean(), report.describe());
            assertEquals(weights.size(), StateDict.parameters(unet).size());

            Map<String, NDArray> io = Safetensors.read(dir.resolve("io.safetensors"), m);
            NDArray out = unet.forward(io.get("sample"), io.get("timestep"), io.get("encoder_hidden_states"));
            Fixtures.assertClose(out, io.get("out"), 1e-4f, name);
        }
    }

    @Test
    void scalarTimestepBroadcastsOverTheBatch() throws Exception {
        Path dir = Fixtures.PARITY.resolve("unet_sd2_like");
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = UNet2DConditionModelTestSupport.load(dir, m);
            Map<String, NDArray> io = Safetensors.read(dir.resolve("io.safetensors"), m);
            NDArray sample = io.get("sample");
            NDArray ctx = io.get("encoder_hidden_states");
            NDArray both = unet.forward(sample, m.create(999L), ctx);
            NDArray first = unet.forward(sample.get("0:1"), m.create(new long[] {999}), ctx.get("0:1"));
            // sample 0 was run at t=999 in the fixture
            Fixtures.assertClose(first, io.get("out").get("0:1"), 1e-4f, "t=999 single");
            Fixtures.assertClose(both.get("0:1"), io.get("out").get("0:1"), 1e-4f, "t=999 scalar");
        }
    }

    @Test
    void oddLatentSizesKeepTheirShape() throws Exception {
        Path dir = Fixtures.PARITY.resolve("unet_sd15_like");
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = UNet2DConditionModelTestSupport.load(dir, m);
            NDArray sample = m.randomNormal(new ai.djl.ndarray.types.Shape(1, 4, 9, 7));
            NDArray ctx = m.randomNormal(new ai.djl.ndarray.types.Shape(1, 5, 24));
            NDArray out = unet.forward(sample, m.create(500L), ctx);
            assertEquals(sample.getShape(), out.getShape());
            assertTrue(Float.isFinite(out.abs().sum().getFloat()));
        }
    }

    @Test
    void loadsTheTinyPipelineUnetStrictly() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = UNet2DConditionModel.fromFolder(Fixtures.PIPELINE.resolve("unet"), m, true);
            assertEquals(32, unet.config().crossAttentionDim().get(0));
            NDArray out = unet.forward(m.zeros(new ai.djl.ndarray.types.Shape(1, 4, 16, 16)), m.create(10L),
                    m.zeros(new ai.djl.ndarray.types.Shape(1, 77, 32)));
            assertEquals(new ai.djl.ndarray.types.Shape(1, 4, 16, 16), out.getShape());
        }
    }
}
