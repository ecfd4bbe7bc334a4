package com.pokegen.engine.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Done-when 1: a fresh LoRA (B = 0) changes no bit; merged weights equal run-time application. */
class LoraNetworkTest {

    @Test
    void keysFollowPeftAndTargetsSelectLayers() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = LoraFixtures.unet(m);
            LoraNetwork attn = LoraNetwork.builder().setRank(4).build(unet);
            // tiny UNet: 4 transformer blocks (down 0, mid, 2 in up 1) × 2 attentions × 4 projections
            assertEquals(32, attn.layers().size());
            assertTrue(StateDict.parameters(attn).containsKey(
                    "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q.lora_A.weight"));
            assertTrue(StateDict.parameters(attn).containsKey(
                    "up_blocks.1.attentions.0.transformer_blocks.0.attn2.to_out.0.lora_B.weight"));
            assertEquals(40, LoraNetwork.builder().setRank(4).optTargets(LoraTargets.ATTN_FF).build(unet)
                    .layers().size());
            LoraNetwork all = LoraNetwork.builder().setRank(4).optTargets(LoraTargets.ALL).build(unet);
            assertTrue(all.layers().containsKey("down_blocks.0.resnets.0.conv1"));
            assertTrue(all.layers().containsKey("mid_block.attentions.0.proj_in"));
            // attention LoRA on to_q (32→32, r=4): A 4·32 + B 32·4
            assertEquals(256, StateDict.parameterCount(attn.layers().get(
                    "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q")));
        }
    }

    @Test
    void freshLoraChangesNoOutputBit() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = LoraFixtures.unet(m);
            float[] before = LoraFixtures.output(unet, m);
            for (LoraTargets t : List.of(LoraTargets.ATTN, LoraTargets.ALL)) {
                LoraNetwork lora = LoraNetwork.builder().setRank(4).optTargets(t).build(unet);
                lora.initialize(m);
                lora.attach(1f);
                assertArrayEquals(before, LoraFixtures.output(unet, m), t.cliName()); // bit-exact
                lora.detach();
            }
        }
    }

    @Test
    void mergedWeightsGiveTheRunTimeOutput() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = LoraFixtures.unet(m);
            float[] base = LoraFixtures.output(unet, m);
            LoraNetwork lora = LoraFixtures.trained(unet, LoraTargets.ALL, 4, 2f, m);
            lora.attach(0.7f);
            float[] runtime = LoraFixtures.output(unet, m);
            lora.detach();
            assertArrayEquals(base, LoraFixtures.output(unet, m), "detach restores the base exactly");
            lora.merge(0.7f);
            float[] merged = LoraFixtures.output(unet, m);
            float change = LoraFixtures.maxAbsDiff(base, runtime);
            float diff = LoraFixtures.maxAbsDiff(runtime, merged);
            System.out.printf("LoRA changes the output by up to %.4f; merged vs run-time max |diff| %.2e%n",
                    change, diff);
            assertTrue(change > 1e-2, "the LoRA must change the output, changed " + change);
            assertTrue(diff <= 1e-4, "merged vs run-time max |diff| " + diff);
        }
    }
}
