package com.pokegen.engine.model.text;

import com.pokegen.engine.io.BundledFiles;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where ONNX Runtime loads its native libraries from. By default its Java binding copies them
 * (16 MB, deflated in its jar) into a new temporary folder on every start; here they are
 * extracted once into the user cache and {@code onnxruntime.native.path} points there. A
 * property the user set is kept; where extraction is not possible the binding's own way runs.
 */
final class OnnxRuntimeNatives {

    static final String PROPERTY = "onnxruntime.native.path";
    private static boolean done;

    private OnnxRuntimeNatives() {}

    /** Call before the first {@code OrtEnvironment} use; later calls do nothing. */
    static synchronized void prepare() {
        if (done) {
            return;
        }
        done = true;
        if (System.getProperty(PROPERTY) != null || !isLinuxX64()) {
            return;
        }
        Path dir = BundledFiles.extractedFolder(OnnxRuntimeNatives.class, "/ai/onnxruntime/native/linux-x64",
                "onnxruntime", "libonnxruntime.so", "libonnxruntime4j_jni.so");
        if (dir != null) {
            System.setProperty(PROPERTY, dir.toString());
        }
    }

    private static boolean isLinuxX64() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
