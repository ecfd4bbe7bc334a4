package com.pokegen.engine.train.add;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.pokegen.engine.model.nn.StateDict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdversarialLossTest {

    @Test
    void hingeMatchesClosedForm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray real = m.create(new float[] {2f, 0.5f, -1f}, new Shape(1, 3));
            NDArray fake = m.create(new float[] {-2f, 0f, 1f}, new Shape(1, 3));
            // real: max(0,1-2)=0, 0.5, 2 -> mean 2.5/3; fake: max(0,1-2)=0, 1, 2 -> mean 1
            assertEquals(2.5 / 3 + 1, AdversarialLoss.discriminatorHinge(real, fake).getFloat(), 1e-6);
            assertEquals(1 / 3f, AdversarialLoss.generator(fake).getFloat(), 1e-6); // −mean(−2, 0, 1)
        }
    }

    /** R1's value equals ‖∂ΣD/∂F‖² and its gradient w.r.t. a head weight matches a finite difference. */
    @Test
    void r1DoubleBackwardMatchesFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            DiscriminatorHead head = new DiscriminatorHead(4, 8, 6, 2);
            head.initialize(m);
            Map<String, Parameter> params = StateDict.parameters(head);
            List<NDArray> paramArrays = params.values().stream().map(Parameter::getArray).toList();
            NDArray features = m.randomNormal(new Shape(2, 4, 3, 3));
            NDArray text = m.randomNormal(new Shape(2, 6));

            // first-order gradient of ΣD w.r.t. the features, computed plainly
            NDArray plainLeaf = AdversarialLoss.leaves(List.of(features)).get(0);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(head.forward(plainLeaf, text).sum());
            }
            double expected = plainLeaf.getGradient().square().sum().getFloat() / 2;
            paramArrays.forEach(p -> ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p));

            NDArray w = params.get("conv1.weight").getArray();
            double analytic;
            double r1;
            List<NDArray> leaves = AdversarialLoss.leaves(List.of(features));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray penalty = AdversarialLoss.r1(head.forward(leaves.get(0), text), leaves, paramArrays);
                r1 = penalty.getFloat();
                gc.backward(penalty);
            }
            AdversarialLoss.release(leaves);
            analytic = w.getGradient().getFloat(0, 1, 1, 1);
            assertEquals(expected, r1, 1e-4 * Math.max(1, expected));

            // central difference of R1 in one weight
            float h = 1e-2f;
            float original = w.getFloat(0, 1, 1, 1);
            double[] values = new double[2];
            for (int k = 0; k < 2; k++) {
                w.set(new ai.djl.ndarray.index.NDIndex(0, 1, 1, 1), original + (k == 0 ? h : -h));
                NDArray leaf = AdversarialLoss.leaves(List.of(features)).get(0);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(head.forward(leaf, text).sum());
                }
                values[k] = leaf.getGradient().square().sum().getFloat() / 2;
                paramArrays.forEach(p -> ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p));
            }
            w.set(new ai.djl.ndarray.index.NDIndex(0, 1, 1, 1), original);
            double numeric = (values[0] - values[1]) / (2 * h);
            assertTrue(Math.abs(numeric) > 1e-4, "the check needs a non-trivial gradient: " + numeric);
            assertEquals(numeric, analytic, 2e-2 * Math.abs(numeric) + 1e-4);
        }
    }
}
