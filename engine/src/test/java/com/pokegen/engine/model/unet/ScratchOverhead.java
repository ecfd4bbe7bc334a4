package com.pokegen.engine.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("bench")
class ScratchOverhead {
    @Test
    void overhead() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.ones(new Shape(4));
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                int n = 20000;
                try (NDScope s = new NDScope()) {
                    for (int i = 0; i < n; i++) {
                        a.add(a);
                    }
                }
                long t1 = System.nanoTime();
                try (NDScope s = new NDScope()) {
                    for (int i = 0; i < n; i++) {
                        NDArray r = a.add(a);
                        r.close();
                    }
                }
                long t2 = System.nanoTime();
                try (NDScope s = new NDScope()) {
                    for (int i = 0; i < n; i++) {
                        a.reshape(2, 2).close();
                    }
                }
                long t3 = System.nanoTime();
                System.out.printf("add scoped %.2f us, add+close %.2f us, reshape+close %.2f us%n",
                        (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n);
            }
            System.out.println("threads " + ai.djl.pytorch.jni.JniUtils.getNumThreads() + " interop "
                    + ai.djl.pytorch.jni.JniUtils.getNumInteropThreads());
        }
    }
}
