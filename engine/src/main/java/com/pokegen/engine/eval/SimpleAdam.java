package com.pokegen.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015, Algorithm 1) with bias correction and no weight decay, updating
 * parameters in place from their accumulated gradients and then zeroing those gradients. A
 * stand-in until {@code train.AdamW} is available: callers use only {@link ParameterUpdate}.
 */
final class SimpleAdam implements ParameterUpdate {

    private final double learningRate;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double eps = 1e-8;
    private final Map<NDArray, NDArray[]> moments = new IdentityHashMap<>();
    private int step;

    SimpleAdam(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void apply(List<NDArray> parameters) {
        step++;
        for (NDArray p : parameters) {
            moments.computeIfAbsent(p, k -> {
                NDArray[] mv = {k.zerosLike(), k.zerosLike()};
                NDScope.unregister(mv); // state lives across steps, not in the caller's scope
                return mv;
            });
        }
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        try (NDScope scope = new NDScope()) {
            for (NDArray p : parameters) {
                NDArray g = p.getGradient();
                NDArray[] mv = moments.get(p);
                mv[0].muli(beta1).addi(g.mul(1 - beta1)); // m ← β1·m + (1−β1)·g
                mv[1].muli(beta2).addi(g.square().mul(1 - beta2)); // v ← β2·v + (1−β2)·g²
                NDArray update = mv[0].div(c1).div(mv[1].div(c2).sqrt().add(eps)).mul(learningRate);
                p.subi(update);
                g.subi(g); // gradients accumulate in libtorch until zeroed
            }
        }
    }

    @Override
    public void close() {
        moments.values().forEach(mv -> {
            mv[0].close();
            mv[1].close();
        });
        moments.clear();
    }
}
