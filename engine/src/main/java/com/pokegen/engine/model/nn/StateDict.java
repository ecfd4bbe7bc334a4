package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.pokegen.engine.io.KeyCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a {@link Module} tree to checkpoint keys ("a.b.0.weight") and back, like PyTorch's
 * {@code state_dict} / {@code load_state_dict}.
 */
public final class StateDict {

    private StateDict() {}

    /** Every parameter under its full checkpoint key, depth-first in registration order. */
    public static Map<String, Parameter> parameters(Module root) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(Module m, String prefix, Map<String, Parameter> out) {
        m.namedParameters().forEach((name, p) -> out.put(prefix + name, p));
        for (Map.Entry<String, Block> e : m.namedChildren().entrySet()) {
            collect((Module) e.getValue(), prefix + e.getKey() + ".", out);
        }
    }

    /** Every sub-module under its dotted path ("down_blocks.0.attentions.0"), depth-first, root excluded. */
    public static Map<String, Module> modules(Module root) {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules(root, "", out);
        return out;
    }

    private static void collectModules(Module m, String prefix, Map<String, Module> out) {
        for (Map.Entry<String, Block> e : m.namedChildren().entrySet()) {
            Module child = (Module) e.getValue();
            out.put(prefix + e.getKey(), child);
            collectModules(child, prefix + e.getKey() + ".", out);
        }
    }

    /** Total number of scalar parameters, computed from shapes (nothing is allocated). */
    public static long parameterCount(Module root) {
        return parameters(root).values().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    /** The current parameter arrays by key (the arrays are the live ones, not copies). */
    public static Map<String, NDArray> arrays(Module root) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        parameters(root).forEach((k, p) -> out.put(k, p.getArray()));
        return out;
    }

    /**
     * Copies tensors into an initialised module's parameters (converted to the parameter's
     * dtype). Keys and shapes are checked first ({@link KeyCheck}), so a failed load changes
     * nothing. Shape mismatches always fail; missing/unexpected keys fail when {@code strict}.
     *
     * @param source names the origin (a file) in error messages
     */
    public static LoadReport load(
            Module root, Map<String, NDArray> tensors, boolean strict, String source) {
        Map<String, Parameter> params = parameters(root);
        Map<String, Shape> expected = new LinkedHashMap<>();
        params.forEach((k, p) -> expected.put(k, p.getArray().getShape()));
        KeyCheck.Report check = KeyCheck.compare(source, expected, KeyCheck.shapesOf(tensors));
        if (!check.mismatches().isEmpty() || (strict && !check.isClean())) {
            throw new KeyCheck.KeyMismatchException(check);
        }
        refuseIntegerFloats(params, tensors, source);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray src = tensors.get(e.getKey());
            if (src == null) {
                continue;
            }
            NDArray dst = e.getValue().getArray();
            DataType dt = dst.getDataType();
            NDArray converted = src.getDataType() == dt ? src : src.toType(dt, false);
            Tensors.copyInto(dst, converted);
            if (converted != src) {
                converted.close();
            }
        }
        return new LoadReport(source, check.missing(), check.unexpected());
    }

    /**
     * A floating-point parameter stored as an integer dtype (a relabelled or damaged file) would
     * convert without error and draw a flat image; refuse it, naming the tensor and the file.
     */
    private static void refuseIntegerFloats(Map<String, Parameter> params, Map<String, NDArray> tensors, String source) {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray src = tensors.get(e.getKey());
            if (src != null && e.getValue().getArray().getDataType().isFloating() && !src.getDataType().isFloating()) {
                throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' is stored as "
                        + src.getDataType() + ", which cannot hold a floating-point parameter; the file is damaged"
                        + " or its dtypes were edited, so re-export or re-download it");
            }
        }
    }

    /**
     * Allocates {@code model} and fills it from a diffusers/transformers component folder's
     * weights (single file, fp16 variant or shards, via {@link com.pokegen.engine.io.ComponentFolder}).
     */
    public static <M extends Module> M initializeFromFolder(M model, java.nio.file.Path componentDir,
            ai.djl.ndarray.NDManager manager, boolean strict) throws java.io.IOException {
        com.pokegen.engine.io.ComponentFolder folder = com.pokegen.engine.io.ComponentFolder.open(componentDir);
        model.initialize(manager);
        com.pokegen.engine.io.ComponentWeights weights = folder.locateWeights();
        try (ai.djl.ndarray.NDManager tmp = manager.newSubManager()) {
            load(model, com.pokegen.engine.io.ComponentFolder.loadTensors(weights, tmp), strict, weights.source().toString());
        }
        return model;
    }

    /** Keys that did not line up between a checkpoint and a model. */
    public record LoadReport(String source, List<String> missing, List<String> unexpected) {

        public boolean isClean() {
            return missing.isEmpty() && unexpected.isEmpty();
        }

        /** A readable summary listing the first 20 keys of each kind. */
        public String describe() {
            return source + ": " + missing.size() + " missing key(s) " + head(missing) + ", "
                    + unexpected.size() + " unexpected key(s) " + head(unexpected)
                    + ". Check that config.json matches the weights, or load leniently.";
        }

        private static String head(List<String> keys) {
            return keys.size() <= 20 ? keys.toString() : keys.subList(0, 20) + "...";
        }
    }
}
