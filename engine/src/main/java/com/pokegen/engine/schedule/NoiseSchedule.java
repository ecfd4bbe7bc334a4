package com.pokegen.engine.schedule;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward (noising) process q(x_t | x₀) = N(√ᾱ_t·x₀, (1−ᾱ_t)·I) of DDPM (Ho et al. 2020,
 * eq. 4), configured with the keys of diffusers' scheduler_config.json. The derived arrays are
 * computed in float32 the way diffusers computes them with torch, so ᾱ matches to ~1e-7.
 *
 * <p>Also holds the keys the DDIM/DDPM samplers read (set_alpha_to_one, clip_sample,
 * clip_sample_range); schedulers that do not use a key ignore it. Dynamic thresholding
 * (Saharia et al. 2022) is not implemented and is refused.
 */
public record NoiseSchedule(
        int numTrainTimesteps,
        double betaStart,
        double betaEnd,
        BetaSchedule betaSchedule,
        List<Double> trainedBetas,
        boolean rescaleBetasZeroSnr,
        PredictionType predictionType,
        TimestepSpacing timestepSpacing,
        int stepsOffset,
        boolean setAlphaToOne,
        boolean clipSample,
        double clipSampleRange,
        boolean thresholding) {

    /** Validates every field; trainedBetas, when given, overrides the beta_* keys. */
    public NoiseSchedule {
        if (numTrainTimesteps < 1) {
            throw new IllegalArgumentException("scheduler config: num_train_timesteps must be >= 1, got "
                    + numTrainTimesteps);
        }
        if (!(betaStart > 0 && betaEnd >= betaStart && betaEnd < 1)) {
            throw new IllegalArgumentException("scheduler config: need 0 < beta_start <= beta_end < 1, got "
                    + betaStart + ", " + betaEnd);
        }
        if (betaSchedule == null || predictionType == null || timestepSpacing == null) {
            throw new IllegalArgumentException("scheduler config: beta_schedule, prediction_type and "
                    + "timestep_spacing must be set");
        }
        if (trainedBetas != null) {
            trainedBetas = List.copyOf(trainedBetas);
            if (trainedBetas.size() != numTrainTimesteps) {
                throw new IllegalArgumentException("scheduler config: trained_betas has " + trainedBetas.size()
                        + " values but num_train_timesteps is " + numTrainTimesteps);
            }
        }
        if (stepsOffset < 0) {
            throw new IllegalArgumentException("scheduler config: steps_offset must be >= 0, got " + stepsOffset);
        }
        if (!(clipSampleRange > 0)) {
            throw new IllegalArgumentException("scheduler config: clip_sample_range must be > 0, got "
                    + clipSampleRange);
        }
        if (thresholding) {
            throw new IllegalArgumentException("scheduler config: thresholding=true (dynamic thresholding) "
                    + "is not supported; set \"thresholding\": false (clip_sample still works)");
        }
    }

    /** diffusers' DDPMScheduler/DDIMScheduler constructor defaults (linear 1e-4 → 0.02). */
    public static NoiseSchedule diffusersDefaults() {
        return new NoiseSchedule(1000, 1e-4, 0.02, BetaSchedule.LINEAR, null, false, PredictionType.EPSILON,
                TimestepSpacing.LEADING, 0, true, true, 1.0, false);
    }

    /** Stable Diffusion 1.x/2.x-base's scheduler_config.json (scaled_linear 0.00085 → 0.012). */
    public static NoiseSchedule stableDiffusion() {
        return new NoiseSchedule(1000, 0.00085, 0.012, BetaSchedule.SCALED_LINEAR, null, false,
                PredictionType.EPSILON, TimestepSpacing.LEADING, 1, false, false, 1.0, false);
    }

    public NoiseSchedule withTimestepSpacing(TimestepSpacing spacing) {
        return new NoiseSchedule(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas,
                rescaleBetasZeroSnr, predictionType, spacing, stepsOffset, setAlphaToOne, clipSample,
                clipSampleRange, thresholding);
    }

    public NoiseSchedule withPredictionType(PredictionType type) {
        return new NoiseSchedule(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas,
                rescaleBetasZeroSnr, type, timestepSpacing, stepsOffset, setAlphaToOne, clipSample,
                clipSampleRange, thresholding);
    }

    public NoiseSchedule withBetas(BetaSchedule schedule, double start, double end) {
        return new NoiseSchedule(numTrainTimesteps, start, end, schedule, null, rescaleBetasZeroSnr,
                predictionType, timestepSpacing, stepsOffset, setAlphaToOne, clipSample, clipSampleRange,
                thresholding);
    }

    public NoiseSchedule withRescaleBetasZeroSnr(boolean rescale) {
        return new NoiseSchedule(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas, rescale,
                predictionType, timestepSpacing, stepsOffset, setAlphaToOne, clipSample, clipSampleRange,
                thresholding);
    }

    public NoiseSchedule withStepsOffset(int offset) {
        return new NoiseSchedule(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas,
                rescaleBetasZeroSnr, predictionType, timestepSpacing, offset, setAlphaToOne, clipSample,
                clipSampleRange, thresholding);
    }

    public NoiseSchedule withSampleClipping(boolean clip, double range) {
        return new NoiseSchedule(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas,
                rescaleBetasZeroSnr, predictionType, timestepSpacing, stepsOffset, setAlphaToOne, clip, range,
                thresholding);
    }

    public NoiseSchedule withSetAlphaToOne(boolean one) {
        return new NoiseSchedule(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas,
                rescaleBetasZeroSnr, predictionType, timestepSpacing, stepsOffset, one, clipSample,
                clipSampleRange, thresholding);
    }

    // ---------------------------------------------------------------- derived arrays (float32)

    /** β_t, t = 0..T−1 (after the zero-terminal-SNR rescale when configured). Fresh array per call. */
    public float[] betas() {
        float[] betas = baseBetas();
        return rescaleBetasZeroSnr ? rescaleZeroTerminalSnr(betas) : betas;
    }

    /** α_t = 1 − β_t. */
    public float[] alphas() {
        float[] b = betas();
        float[] a = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            a[i] = 1f - b[i];
        }
        return a;
    }

    /** ᾱ_t = ∏_{s≤t} α_s (torch's CPU cumprod: double accumulator, float32 outputs). */
    public float[] alphasCumprod() {
        return cumprod(alphas());
    }

    private float[] baseBetas() {
        int n = numTrainTimesteps;
        float[] b = new float[n];
        if (trainedBetas != null) {
            for (int i = 0; i < n; i++) {
                b[i] = trainedBetas.get(i).floatValue();
            }
            return b;
        }
        switch (betaSchedule) {
            case LINEAR:
                return torchLinspace((float) betaStart, (float) betaEnd, n);
            case SCALED_LINEAR: {
                float[] r = torchLinspace((float) Math.sqrt(betaStart), (float) Math.sqrt(betaEnd), n);
                for (int i = 0; i < n; i++) {
                    b[i] = r[i] * r[i];
                }
                return b;
            }
            case SQUAREDCOS_CAP_V2:
                // Nichol & Dhariwal 2021 eq. 17 with s = 0.008; β_t = min(1 − ᾱ(t+1)/ᾱ(t), 0.999)
                for (int i = 0; i < n; i++) {
                    double ratio = cosineAlphaBar((i + 1) / (double) n) / cosineAlphaBar(i / (double) n);
                    b[i] = (float) Math.min(1 - ratio, 0.999);
                }
                return b;
            default:
                throw new AssertionError(betaSchedule);
        }
    }

    private static double cosineAlphaBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    /** torch.linspace for float32 on CPU: first half counts up from start, second half down from end. */
    static float[] torchLinspace(float start, float end, int steps) {
        float[] out = new float[steps];
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (steps - 1);
        int halfway = steps / 2;
        for (int i = 0; i < steps; i++) {
            out[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
        }
        return out;
    }

    static float[] cumprod(float[] x) {
        float[] out = new float[x.length];
        double acc = 1;
        for (int i = 0; i < x.length; i++) {
            acc *= x[i];
            out[i] = (float) acc;
        }
        return out;
    }

    /**
     * Lin et al. 2023, algorithm 1: shift and scale √ᾱ so that √ᾱ_{T−1} = 0 (zero terminal SNR)
     * while √ᾱ_0 is unchanged, then recover β. Float32 steps in the order diffusers uses.
     */
    static float[] rescaleZeroTerminalSnr(float[] betas) {
        int n = betas.length;
        float[] alphas = new float[n];
        for (int i = 0; i < n; i++) {
            alphas[i] = 1f - betas[i];
        }
        float[] sqrtBar = cumprod(alphas);
        for (int i = 0; i < n; i++) {
            sqrtBar[i] = (float) Math.sqrt(sqrtBar[i]);
        }
        float first = sqrtBar[0];
        float last = sqrtBar[n - 1];
        float scale = first / (first - last);
        float[] bar = new float[n];
        for (int i = 0; i < n; i++) {
            float s = (sqrtBar[i] - last) * scale;
            bar[i] = s * s;
        }
        float[] out = new float[n];
        out[0] = 1f - bar[0];
        for (int i = 1; i < n; i++) {
            out[i] = 1f - bar[i] / bar[i - 1];
        }
        return out;
    }

    // ---------------------------------------------------------------- forward process on tensors

    /** x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε; x₀, ε (B, ...), t [B] integer timesteps. */
    public NDArray addNoise(NDArray x0, NDArray eps, NDArray t) {
        return combine(x0, eps, t, true);
    }

    /** v = √ᾱ_t·ε − √(1−ᾱ_t)·x₀, the v-prediction target (Salimans &amp; Ho 2022). */
    public NDArray velocity(NDArray x0, NDArray eps, NDArray t) {
        return combine(eps, x0, t, false);
    }

    // a·√ᾱ ± b·√(1−ᾱ)
    private NDArray combine(NDArray a, NDArray b, NDArray t, boolean plus) {
        PerSample.sameShape(a, plus ? "x0" : "eps", b, plus ? "eps" : "x0");
        Coefs c = coefs(t, a);
        return PerSample.scoped(() -> {
            NDArray sa = PerSample.column(c.sqrtAlphaBar, a);
            NDArray sb = PerSample.column(c.sqrtOneMinus, a);
            return plus ? a.mul(sa).add(b.mul(sb)) : a.mul(sa).sub(b.mul(sb));
        });
    }

    /** The x₀ estimate from a model output of this schedule's prediction type at x_t. */
    public NDArray predictX0(NDArray modelOutput, NDArray xt, NDArray t) {
        return predictX0(predictionType, modelOutput, xt, coefs(t, xt));
    }

    /** The ε estimate from a model output of this schedule's prediction type at x_t. */
    public NDArray predictEpsilon(NDArray modelOutput, NDArray xt, NDArray t) {
        return predictEpsilon(predictionType, modelOutput, xt, coefs(t, xt));
    }

    /** Per-sample √ᾱ and √(1−ᾱ) in float32, as diffusers' tensor arithmetic rounds them. */
    record Coefs(float[] sqrtAlphaBar, float[] sqrtOneMinus) {
        static Coefs of(float... alphaBar) {
            float[] s = new float[alphaBar.length];
            float[] r = new float[alphaBar.length];
            for (int i = 0; i < alphaBar.length; i++) {
                s[i] = (float) Math.sqrt(alphaBar[i]);
                r[i] = (float) Math.sqrt(1f - alphaBar[i]);
            }
            return new Coefs(s, r);
        }
    }

    private Coefs coefs(NDArray t, NDArray like) {
        int[] steps = PerSample.integerTimesteps(t, numTrainTimesteps);
        if (steps.length != like.getShape().get(0)) {
            throw new IllegalArgumentException("timesteps has " + steps.length
                    + " entries but the batch has " + like.getShape().get(0) + " samples");
        }
        float[] all = alphasCumprod();
        float[] bar = new float[steps.length];
        for (int i = 0; i < steps.length; i++) {
            bar[i] = all[steps[i]];
        }
        return Coefs.of(bar);
    }

    static NDArray predictX0(PredictionType type, NDArray out, NDArray xt, Coefs c) {
        PerSample.sameShape(out, "model output", xt, "sample");
        return PerSample.scoped(() -> {
            NDArray s = PerSample.column(c.sqrtAlphaBar, xt);
            NDArray r = PerSample.column(c.sqrtOneMinus, xt);
            switch (type) {
                case EPSILON: // (x_t − √(1−ᾱ)·ε) / √ᾱ
                    return xt.sub(out.mul(r)).div(s);
                case V_PREDICTION: // √ᾱ·x_t − √(1−ᾱ)·v
                    return xt.mul(s).sub(out.mul(r));
                case SAMPLE:
                    return out.duplicate();
                default:
                    throw new AssertionError(type);
            }
        });
    }

    static NDArray predictEpsilon(PredictionType type, NDArray out, NDArray xt, Coefs c) {
        PerSample.sameShape(out, "model output", xt, "sample");
        return PerSample.scoped(() -> {
            NDArray s = PerSample.column(c.sqrtAlphaBar, xt);
            NDArray r = PerSample.column(c.sqrtOneMinus, xt);
            switch (type) {
                case EPSILON:
                    return out.duplicate();
                case V_PREDICTION: // √ᾱ·v + √(1−ᾱ)·x_t
                    return out.mul(s).add(xt.mul(r));
                case SAMPLE: // (x_t − √ᾱ·x₀) / √(1−ᾱ)
                    return xt.sub(out.mul(s)).div(r);
                default:
                    throw new AssertionError(type);
            }
        });
    }

    // ---------------------------------------------------------------- scheduler_config.json

    /**
     * Reads the schedule keys of any diffusers scheduler_config.json; keys absent from
     * {@code node} take {@code defaults}' values (each scheduler class has its own defaults).
     * Class-specific keys are read and checked by the scheduler classes.
     */
    public static NoiseSchedule fromConfig(ObjectNode node, NoiseSchedule defaults) {
        List<Double> trained = defaults.trainedBetas;
        JsonNode tb = node.get("trained_betas");
        if (tb != null) {
            if (tb.isNull()) {
                trained = null;
            } else if (tb.isArray()) {
                trained = new ArrayList<>();
                for (JsonNode v : tb) {
                    trained.add(v.asDouble());
                }
            } else {
                throw new IllegalArgumentException("scheduler config: trained_betas must be null or a list "
                        + "of numbers, got " + tb);
            }
        }
        return new NoiseSchedule(
                intKey(node, "num_train_timesteps", defaults.numTrainTimesteps),
                doubleKey(node, "beta_start", defaults.betaStart),
                doubleKey(node, "beta_end", defaults.betaEnd),
                BetaSchedule.fromConfigName(textKey(node, "beta_schedule", defaults.betaSchedule.configName())),
                trained,
                boolKey(node, "rescale_betas_zero_snr", defaults.rescaleBetasZeroSnr),
                PredictionType.fromConfigName(textKey(node, "prediction_type",
                        defaults.predictionType.configName())),
                TimestepSpacing.fromConfigName(textKey(node, "timestep_spacing",
                        defaults.timestepSpacing.configName())),
                intKey(node, "steps_offset", defaults.stepsOffset),
                boolKey(node, "set_alpha_to_one", defaults.setAlphaToOne),
                boolKey(node, "clip_sample", defaults.clipSample),
                doubleKey(node, "clip_sample_range", defaults.clipSampleRange),
                boolKey(node, "thresholding", defaults.thresholding));
    }

    /** Writes the keys every diffusers scheduler shares (not the DDIM/DDPM-only ones). */
    public void writeCommonConfig(ObjectNode node) {
        node.put("num_train_timesteps", numTrainTimesteps);
        node.put("beta_start", betaStart);
        node.put("beta_end", betaEnd);
        node.put("beta_schedule", betaSchedule.configName());
        if (trainedBetas == null) {
            node.putNull("trained_betas");
        } else {
            ArrayNode a = node.putArray("trained_betas");
            trainedBetas.forEach(a::add);
        }
        node.put("rescale_betas_zero_snr", rescaleBetasZeroSnr);
        node.put("prediction_type", predictionType.configName());
        node.put("timestep_spacing", timestepSpacing.configName());
        node.put("steps_offset", stepsOffset);
    }

    /** Writes clip_sample, clip_sample_range and thresholding (DDPM and DDIM have them). */
    void writeClipConfig(ObjectNode node) {
        node.put("clip_sample", clipSample);
        node.put("clip_sample_range", clipSampleRange);
        node.put("thresholding", thresholding);
    }

    static int intKey(ObjectNode node, String key, int dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("scheduler config: " + key + " must be an integer, got " + v);
        }
        return v.intValue();
    }

    static double doubleKey(ObjectNode node, String key, double dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("scheduler config: " + key + " must be a number, got " + v);
        }
        return v.doubleValue();
    }

    static boolean boolKey(ObjectNode node, String key, boolean dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("scheduler config: " + key + " must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    static String textKey(ObjectNode node, String key, String dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("scheduler config: " + key + " must be a string, got " + v);
        }
        return v.textValue();
    }
}
