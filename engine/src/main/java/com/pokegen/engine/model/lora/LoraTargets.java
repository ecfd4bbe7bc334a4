package com.pokegen.engine.model.lora;

import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which UNet layers get a LoRA: the attention projections (Hu et al., 2021, §4.2 adapt W_q, W_k,
 * W_v, W_o), plus the GEGLU feed-forward, or every linear and convolution of the down, mid and
 * up blocks (LoCon: resnet convolutions, projections, samplers).
 */
public enum LoraTargets {
    /** to_q, to_k, to_v, to_out.0 of every attention (attn1 and attn2). */
    ATTN("attn", ".*\\.attn[12]\\.(to_q|to_k|to_v|to_out\\.0)"),
    /** ATTN plus the feed-forward's ff.net.0.proj and ff.net.2. */
    ATTN_FF("attn+ff", ".*\\.attn[12]\\.(to_q|to_k|to_v|to_out\\.0)|.*\\.ff\\.net\\.(0\\.proj|2)"),
    /** Every linear and convolution inside down_blocks, mid_block and up_blocks (LoCon). */
    ALL("all", "(down_blocks|mid_block|up_blocks)\\..*");

    private final String cliName;
    private final Pattern paths;

    LoraTargets(String cliName, String regex) {
        this.cliName = cliName;
        this.paths = Pattern.compile(regex);
    }

    /** The name the CLI and config files use: attn, attn+ff or all. */
    public String cliName() {
        return cliName;
    }

    /** Whether the layer at {@code path} gets a LoRA. */
    public boolean matches(String path, Module layer) {
        return (layer instanceof Linear || layer instanceof Conv2d) && paths.matcher(path).matches();
    }

    /** Parses attn, attn+ff or all. */
    public static LoraTargets fromName(String name) {
        for (LoraTargets t : values()) {
            if (t.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("LoRA targets must be attn, attn+ff or all, got '" + name + "'");
    }
}
