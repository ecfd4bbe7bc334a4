package com.pokegen.engine.train.add;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ADD's adversarial objective (Sauer et al., 2023, §3.2, eq. 3–4, hinge form of StyleGAN-T):
 * <ul>
 *   <li>discriminator: E[max(0, 1 − D(real))] + E[max(0, 1 + D(fake))] + γ·R1, where
 *       R1 = E‖∇_F D(F(real))‖² is taken with respect to each head's input features;
 *   <li>generator: −E[D(fake)].
 * </ul>
 * R1 needs a gradient of a gradient: libtorch's autograd with {@code create_graph=true}, reached
 * through DJL's {@link JniUtils#backward} (DJL's GradientCollector does not expose the flag).
 */
public final class AdversarialLoss {

    private AdversarialLoss() {}

    /** Generator term −E[D(fake)]; logits (B, N). */
    public static NDArray generator(NDArray fakeLogits) {
        return fakeLogits.mean().neg();
    }

    /** Hinge terms of the discriminator (without R1). */
    public static NDArray discriminatorHinge(NDArray realLogits, NDArray fakeLogits) {
        NDArray real = com.pokegen.engine.model.nn.Tensors.maximum(realLogits.neg().add(1), 0).mean();
        NDArray fake = com.pokegen.engine.model.nn.Tensors.maximum(fakeLogits.add(1), 0).mean();
        return real.add(fake);
    }

    /**
     * R1 = E_b[Σ_k ‖∂ΣD/∂F_k‖²] on real features. The features must be leaves that require
     * gradients; the head parameters' first-order gradients from this inner backward are
     * cleared, so only the penalty (and what the caller adds) trains them.
     *
     * @param headParams the parameters whose inner gradients must be discarded
     */
    public static NDArray r1(NDArray realLogits, List<NDArray> realFeatures, List<NDArray> headParams) {
        NDArray target = realLogits.sum();
        NDArray ones = target.onesLike();
        JniUtils.backward((PtNDArray) target, (PtNDArray) ones, true, true); // keep graph, create graph
        for (NDArray p : headParams) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
        long b = realLogits.getShape().get(0);
        NDArray penalty = null;
        for (NDArray f : realFeatures) {
            NDArray g = f.getGradient(); // carries a graph thanks to create_graph
            NDArray sq = g.square().sum();
            penalty = penalty == null ? sq : penalty.add(sq);
        }
        return com.pokegen.engine.model.nn.Tensors.div(penalty, b);
    }

    /** Logs D's mean logits on real and fake samples and its accuracy (real > 0, fake < 0). */
    static void logDiagnostics(NDArray realLogits, NDArray fakeLogits, Map<String, Double> logged) {
        logged.put("d_real", (double) realLogits.mean().getFloat());
        logged.put("d_fake", (double) fakeLogits.mean().getFloat());
        double acc = (realLogits.gt(0).toType(DataType.FLOAT32, false).mean().getFloat()
                + fakeLogits.lt(0).toType(DataType.FLOAT32, false).mean().getFloat()) / 2;
        logged.put("d_accuracy", acc);
    }

    /** Makes detached copies of features that require gradients (the R1 leaves). */
    public static List<NDArray> leaves(List<NDArray> features) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray f : features) {
            NDArray leaf = f.stopGradient();
            leaf.setRequiresGradient(true);
            out.add(leaf);
        }
        return out;
    }

    /** Detaches R1 leaves' gradients afterwards (libtorch warns of a reference cycle otherwise). */
    public static void release(List<NDArray> leaves) {
        new NDList(leaves).forEach(l -> l.setRequiresGradient(false));
    }
}
