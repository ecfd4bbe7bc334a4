package com.pokegen.engine.model.unet;

import ai.djl.ndarray.NDManager;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.StateDict;
import java.nio.file.Path;

/** Loads a parity fixture folder (config.json + weights.safetensors). */
final class UNet2DConditionModelTestSupport {

    private UNet2DConditionModelTestSupport() {}

    static UNet2DConditionModel load(Path dir, NDManager m) throws Exception {
        UNet2DConditionModel unet = new UNet2DConditionModel(
                UNet2DConditionConfig.fromFile(dir.resolve("config.json")));
        unet.initialize(m);
        StateDict.load(unet, Safetensors.read(dir.resolve("weights.safetensors"), m), true, dir.toString());
        return unet;
    }
}
