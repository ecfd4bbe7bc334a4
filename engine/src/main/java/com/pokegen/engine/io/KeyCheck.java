package com.pokegen.engine.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the tensors a model expects (name → shape) with those a checkpoint holds, before any
 * copying, like PyTorch's {@code load_state_dict} report: missing keys, unexpected keys and
 * shape mismatches, summarised with the first 20 of each.
 *
 * <pre>{@code
 * KeyCheck.Report r = KeyCheck.check("unet/diffusion_pytorch_model.safetensors",
 *         expected, KeyCheck.shapesOfInfos(folder.tensorInfos()), true); // throws when not clean
 * }</pre>
 */
public final class KeyCheck {

    /** How many keys of each kind a report lists. */
    public static final int LISTED = 20;

    private KeyCheck() {}

    /** A key whose shapes differ between model and checkpoint. */
    public record ShapeMismatch(String key, Shape expected, Shape found) {
        @Override
        public String toString() {
            return key + " expects " + expected + " but found " + found;
        }
    }

    /**
     * @param source the checkpoint (file or folder) named in messages
     * @param missing expected keys the checkpoint lacks, in expected order
     * @param unexpected checkpoint keys the model does not have, in checkpoint order
     * @param mismatches keys present in both with different shapes
     */
    public record Report(String source, int expectedCount, int foundCount, List<String> missing,
            List<String> unexpected, List<ShapeMismatch> mismatches) {

        public Report {
            missing = List.copyOf(missing);
            unexpected = List.copyOf(unexpected);
            mismatches = List.copyOf(mismatches);
        }

        /** Same keys and same shapes. */
        public boolean isClean() {
            return missing.isEmpty() && unexpected.isEmpty() && mismatches.isEmpty();
        }

        public int matchedCount() {
            return expectedCount - missing.size() - mismatches.size();
        }

        /** A multi-line summary with counts and the first {@value #LISTED} keys of each kind. */
        public String describe() {
            StringBuilder s = new StringBuilder(source).append(": model expects ").append(expectedCount)
                    .append(" tensors, checkpoint has ").append(foundCount).append(", ").append(matchedCount())
                    .append(" match");
            list(s, "missing from the checkpoint", missing);
            list(s, "unexpected (not in the model)", unexpected);
            list(s, "with a different shape", mismatches);
            if (!isClean()) {
                s.append("\nCheck that config.json describes these weights (same model type and sizes),"
                        + " or load leniently to ignore missing/unexpected keys.");
            }
            return s.toString();
        }

        private static void list(StringBuilder s, String what, List<?> items) {
            if (items.isEmpty()) {
                return;
            }
            s.append("\n  ").append(items.size()).append(' ').append(what).append(": ");
            s.append(items.subList(0, Math.min(LISTED, items.size())));
            if (items.size() > LISTED) {
                s.append(" ... and ").append(items.size() - LISTED).append(" more");
            }
        }
    }

    /** Thrown by strict checks; the message is {@link Report#describe()}. */
    public static final class KeyMismatchException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient Report report;

        public KeyMismatchException(Report report) {
            super(report.describe());
            this.report = report;
        }

        public Report report() {
            return report;
        }
    }

    /** Compares without throwing. */
    public static Report compare(String source, Map<String, Shape> expected, Map<String, Shape> found) {
        List<String> missing = new ArrayList<>();
        List<ShapeMismatch> mismatches = new ArrayList<>();
        expected.forEach((key, shape) -> {
            Shape actual = found.get(key);
            if (actual == null) {
                missing.add(key);
            } else if (!actual.equals(shape)) {
                mismatches.add(new ShapeMismatch(key, shape, actual));
            }
        });
        List<String> unexpected = new ArrayList<>();
        for (String key : found.keySet()) {
            if (!expected.containsKey(key)) {
                unexpected.add(key);
            }
        }
        return new Report(source, expected.size(), found.size(), missing, unexpected, mismatches);
    }

    /** Compares; when {@code strict}, throws {@link KeyMismatchException} unless the report is clean. */
    public static Report check(String source, Map<String, Shape> expected, Map<String, Shape> found, boolean strict) {
        Report report = compare(source, expected, found);
        if (strict && !report.isClean()) {
            throw new KeyMismatchException(report);
        }
        return report;
    }

    public static Map<String, Shape> shapesOf(Map<String, NDArray> tensors) {
        Map<String, Shape> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> out.put(k, v.getShape()));
        return Collections.unmodifiableMap(out);
    }

    public static Map<String, Shape> shapesOfInfos(Map<String, TensorInfo> infos) {
        Map<String, Shape> out = new LinkedHashMap<>();
        infos.forEach((k, v) -> out.put(k, v.shape()));
        return Collections.unmodifiableMap(out);
    }
}
