package com.pokegen.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.StateDict;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Backward through the UNet (whose blocks close intermediates eagerly) gives the derivative a
 * central finite difference measures, for the input and for a GroupNorm weight.
 */
class UNetGradientTest {

    @Test
    void directionalDerivativesMatchFiniteDifferences() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = UNet2DConditionModelTestSupport.load(
                    Fixtures.PARITY.resolve("unet_sd2_like"), m);
            Map<String, NDArray> io = Safetensors.read(Fixtures.PARITY.resolve("unet_sd2_like/io.safetensors"), m);
            NDArray x = io.get("sample");
            NDArray t = io.get("timestep");
            NDArray ctx = io.get("encoder_hidden_states");
            NDArray probe = m.randomNormal(0, 1, x.getShape(), ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray normW = StateDict.arrays(unet).get("down_blocks.0.resnets.0.norm2.weight");

            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(unet.forward(x, t, ctx).mul(probe).sum());
            }
            NDArray dir = m.randomNormal(0, 1, x.getShape(), ai.djl.ndarray.types.DataType.FLOAT32);
            float analytic = x.getGradient().mul(dir).sum().getFloat();
            NDArray wDir = m.randomNormal(0, 1, normW.getShape(), ai.djl.ndarray.types.DataType.FLOAT32);
            float analyticW = normW.getGradient().mul(wDir).sum().getFloat();
            NDArray xd = x.stopGradient();

            float eps = 1e-2f;
            float plus = unet.forward(xd.add(dir.mul(eps)), t, ctx).mul(probe).sum().getFloat();
            float minus = unet.forward(xd.sub(dir.mul(eps)), t, ctx).mul(probe).sum().getFloat();
            float numeric = (plus - minus) / (2 * eps);
            assertEquals(numeric, analytic, 2e-2 * Math.abs(numeric) + 1e-2, "d/dx");

            NDArray w0 = normW.duplicate();
            normW.set(w0.add(wDir.mul(eps)).toFloatArray());
            float wPlus = unet.forward(xd, t, ctx).mul(probe).sum().getFloat();
            normW.set(w0.sub(wDir.mul(eps)).toFloatArray());
            float wMinus = unet.forward(xd, t, ctx).mul(probe).sum().getFloat();
            normW.set(w0.toFloatArray());
            float numericW = (wPlus - wMinus) / (2 * eps);
            System.out.printf("d/dx analytic %.5f numeric %.5f; d/dw analytic %.5f numeric %.5f%n",
                    analytic, numeric, analyticW, numericW);
            assertTrue(Math.abs(numericW) > 1e-3, "the probe must depend on the weight");
            assertEquals(numericW, analyticW, 2e-2 * Math.abs(numericW) + 1e-2, "d/dw");
        }
    }
}
