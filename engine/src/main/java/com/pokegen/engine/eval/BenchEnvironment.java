package com.pokegen.engine.eval;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * What a timing was measured on: engine, device and thread counts, so speed figures are never
 * shown without them.
 *
 * @param engine e.g. "PyTorch 2.7.1"
 * @param device DJL's default device, e.g. "cpu()"
 * @param intraOpThreads libtorch intra-op threads (−1 if not PyTorch)
 * @param interOpThreads libtorch inter-op threads (−1 if not PyTorch)
 * @param availableProcessors cores the JVM sees
 * @param os OS name, version and architecture
 * @param java Java runtime version
 */
public record BenchEnvironment(String engine, String device, int intraOpThreads, int interOpThreads,
        int availableProcessors, String os, String java) {

    /** The current process's engine and machine. */
    public static BenchEnvironment capture() {
        Engine engine = Engine.getInstance();
        boolean pytorch = "PyTorch".equals(engine.getEngineName());
        return new BenchEnvironment(engine.getEngineName() + " " + engine.getVersion(), engine.defaultDevice().toString(),
                pytorch ? JniUtils.getNumThreads() : -1, pytorch ? JniUtils.getNumInteropThreads() : -1,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"));
    }
}
