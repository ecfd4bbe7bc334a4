package com.pokegen.engine.export.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** The README written into an ONNX export: files, how to run them from any binding, measured costs. */
final class OnnxReadme {

    private OnnxReadme() {}

    static String text(ObjectNode m) {
        boolean latent = "latent".equals(m.path("space").asText());
        JsonNode sch = m.path("scheduler");
        JsonNode lat = m.path("latents");
        StringBuilder b = new StringBuilder();
        b.append("# ").append(m.path("source_model").asText()).append(" as ONNX\n\n")
                .append("Exported by ").append(m.path("producer").asText()).append(" (ONNX opset ")
                .append(m.path("opset").asInt()).append(", IR 8). Everything needed to draw images is in this folder;")
                .append(" `").append(OnnxExport.MANIFEST).append("` says the same in machine-readable form.\n\n")
                .append("| file | what |\n|---|---|\n");
        files(b, m.path("unet").path("files"), "UNet: `sample`, `timestep`, `encoder_hidden_states` -> `out_sample`");
        if (latent) {
            files(b, m.path("vae_decoder").path("files"), "VAE decoder: `latent_sample` -> `sample`");
        }
        b.append("| `text_encoder/model.onnx` | all-MiniLM-L6-v2: `input_ids`, `attention_mask`, `token_type_ids`")
                .append(" (int64) -> `last_hidden_state` |\n")
                .append("| `tokenizer/tokenizer.json` | its WordPiece tokenizer (Hugging Face `tokenizers` format) |\n")
                .append("| `scheduler/scheduler_config.json` | diffusers scheduler config |\n")
                .append("| `pokegen.json` | PokéGen metadata: recommended settings, provenance |\n\n");
        b.append("All graphs have a dynamic batch axis. Weights: `model.onnx` float32; `model.fp16.onnx` float16")
                .append(" weights widened by `Cast` (compute stays float32); `model.int8.onnx` int8 conv/linear weights")
                .append(" with one scale per output channel, read through `DequantizeLinear` (QDQ; biases and norms")
                .append(" float32). Inputs and outputs are float32 in all of them. ONNX Runtime keeps")
                .append(" `DequantizeLinear` nodes by default and dequantises on every run; the session option")
                .append(" `session.disable_quant_qdq` = `1` lets it fold them once at load (faster, float32-sized")
                .append(" memory), which is what PokéGen does.\n\n");
        b.append("## Sampling (what PokéGen does)\n\n")
                .append("1. Tokenize each prompt: lower-cased WordPiece, `[CLS] ... [SEP]`, right-pad with `[PAD]` (id 0) to ")
                .append(m.path("text_encoder").path("max_length").asInt()).append(" tokens; `attention_mask` 1 on real")
                .append(" tokens, `token_type_ids` 0. Run the text encoder; keep `last_hidden_state`.\n")
                .append("2. Draw x ~ N(0, 1) of shape [batch, ").append(lat.path("channels").asInt()).append(", ")
                .append(lat.path("height").asInt()).append(", ").append(lat.path("width").asInt())
                .append("] and multiply by `init_noise_sigma`.\n")
                .append("3. Scheduler `").append(sch.path("class").asText()).append("` (`")
                .append(sch.path("timestep_spacing").asText()).append("` spacing), guidance ")
                .append(sch.path("guidance").asDouble()).append(". Timesteps and σ per step count:\n\n")
                .append("| steps | timesteps | sigmas |\n|---|---|---|\n");
        Iterator<Map.Entry<String, JsonNode>> rows = sch.path("steps").fields();
        while (rows.hasNext()) {
            Map.Entry<String, JsonNode> r = rows.next();
            b.append("| ").append(r.getKey()).append(" | ").append(r.getValue().path("timesteps")).append(" | ")
                    .append(r.getValue().has("sigmas") ? r.getValue().path("sigmas").toString() : "see the scheduler config")
                    .append(" |\n");
        }
        b.append("\n   For each step i with σ = sigmas[i], σ' = sigmas[i+1]: feed `sample` = x / √(σ² + 1), `timestep` =")
                .append(" timesteps[i] (float32), the text states; `prediction_type` is ")
                .append(m.path("unet").path("prediction_type").asText());
        if ("v_prediction".equals(m.path("unet").path("prediction_type").asText())) {
            b.append(": the UNet predicts v, x0 = x/(σ² + 1) − σ·v/√(σ² + 1).");
        } else if ("sample".equals(m.path("unet").path("prediction_type").asText())) {
            b.append(": the UNet predicts x0 directly.");
        } else {
            b.append(": the UNet predicts ε, x0 = x − σ·ε.");
        }
        if ("euler-ancestral".equals(sch.path("name").asText())) {
            b.append(" Euler-ancestral: σ_up = √(σ'²·(σ² − σ'²)/σ²), σ_down = √(σ'² − σ_up²),")
                    .append(" x ← x + (x − x0)/σ·(σ_down − σ), then x ← x + σ_up·z with fresh z ~ N(0, 1).\n");
        } else {
            b.append(" Step with diffusers' `").append(sch.path("class").asText())
                    .append("` (same config) for the exact update.\n");
        }
        if (latent) {
            b.append("4. `latent_sample` = x / ").append(lat.path("scaling_factor").asDouble())
                    .append(lat.path("shift_factor").isNull() ? "" : " + " + lat.path("shift_factor").asDouble())
                    .append("; run the decoder; pixels = clip(sample / 2 + 0.5, 0, 1) · 255, NCHW RGB.\n\n");
        } else {
            b.append("4. Pixel space: no decoder (`vae_decoder` is null). Pixels = clip(x / 2 + 0.5, 0, 1) · 255,")
                    .append(" NCHW RGB.\n\n");
        }
        b.append("Python sketch for any ONNX Runtime (`pip install onnxruntime tokenizers numpy`; ε-prediction,")
                .append(" Euler-ancestral; written from the engine's loop, which PokéGen's own tests run through ONNX")
                .append(" Runtime's Java binding):\n\n```python\n")
                .append("import json, numpy as np, onnxruntime as ort\nfrom tokenizers import Tokenizer\n")
                .append("m = json.load(open(\"").append(OnnxExport.MANIFEST).append("\"))\n")
                .append("tok = Tokenizer.from_file(m[\"text_encoder\"][\"tokenizer\"])\nL = m[\"text_encoder\"][\"max_length\"]\n")
                .append("tok.enable_padding(length=L, pad_id=0, pad_token=\"[PAD]\"); tok.enable_truncation(L)\n")
                .append("e = tok.encode_batch([\"a red fire type pokemon with wings\"])\n")
                .append("ids = np.array([x.ids for x in e], np.int64); mask = np.array([x.attention_mask for x in e], np.int64)\n")
                .append("text = ort.InferenceSession(m[\"text_encoder\"][\"file\"]).run([\"last_hidden_state\"],\n")
                .append("    {\"input_ids\": ids, \"attention_mask\": mask, \"token_type_ids\": np.zeros_like(ids)})[0]\n")
                .append("unet = ort.InferenceSession(m[\"unet\"][\"files\"][\"fp32\"])\n")
                .append("n = str(m[\"recommended\"][\"steps\"]); ts = m[\"scheduler\"][\"steps\"][n][\"timesteps\"]; sig = m[\"scheduler\"][\"steps\"][n][\"sigmas\"]\n")
                .append("lat = m[\"latents\"]; rng = np.random.default_rng(1)\n")
                .append("x = rng.standard_normal((1, lat[\"channels\"], lat[\"height\"], lat[\"width\"])).astype(np.float32) * sig[0]\n")
                .append("for i, t in enumerate(ts):\n    s, s2 = sig[i], sig[i + 1]\n")
                .append("    eps = unet.run(None, {\"sample\": (x / np.sqrt(s * s + 1)).astype(np.float32),\n")
                .append("                          \"timestep\": np.array([t], np.float32), \"encoder_hidden_states\": text})[0]\n")
                .append("    x0 = x - s * eps; up = np.sqrt(s2**2 * (s**2 - s2**2) / s**2); down = np.sqrt(s2**2 - up**2)\n")
                .append("    x = x + (x - x0) / s * (down - s) + up * rng.standard_normal(x.shape).astype(np.float32)\n");
        if (latent) {
            b.append("dec = ort.InferenceSession(m[\"vae_decoder\"][\"files\"][\"fp32\"])\n")
                    .append("img = dec.run(None, {\"latent_sample\": (x / lat[\"scaling_factor\"]).astype(np.float32)})[0]\n");
        } else {
            b.append("img = x\n");
        }
        b.append("pixels = (np.clip(img / 2 + 0.5, 0, 1) * 255).round().astype(np.uint8)[0].transpose(1, 2, 0)\n```\n\n")
                .append("The same loop works from C, C++, C#, Java or JavaScript ONNX Runtime bindings. Images match")
                .append(" PokéGen's for the same *noise*; PokéGen draws its noise with Java's `SplittableRandom(seed)`,")
                .append(" so a NumPy seed gives a different (equally valid) image. In PokéGen:")
                .append(" `./pokegen generate --backend onnxruntime --precision fp32 --model THIS_FOLDER --prompt ...`.\n\n");
        b.append("## Measured against the libtorch engine (float32)\n\n")
                .append(m.path("measured").path("inputs").asText()).append(".\n\n")
                .append("| precision | what | max abs diff | mean abs diff |\n|---|---|---|---|\n");
        Iterator<Map.Entry<String, JsonNode>> precisions = m.path("measured").fields();
        while (precisions.hasNext()) {
            Map.Entry<String, JsonNode> p = precisions.next();
            if (!p.getValue().isObject()) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> what = p.getValue().fields();
            while (what.hasNext()) {
                Map.Entry<String, JsonNode> w = what.next();
                b.append(String.format(java.util.Locale.ROOT, "| %s | %s | %.3g | %.3g |%n", p.getKey(), w.getKey(),
                        w.getValue().path("max_abs_diff").asDouble(), w.getValue().path("mean_abs_diff").asDouble()));
            }
        }
        b.append("\nImage rows are in 8-bit pixel units (1 = one grey level).\n");
        return b.toString();
    }

    private static void files(StringBuilder b, JsonNode files, String what) {
        files.fields().forEachRemaining(e -> b.append("| `").append(e.getValue().asText()).append("` | ").append(what)
                .append(", ").append(e.getKey()).append(" weights |\n"));
    }
}
