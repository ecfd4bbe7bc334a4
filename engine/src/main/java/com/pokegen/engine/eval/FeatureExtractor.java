package com.pokegen.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * An image feature network for Fréchet distance, KID and CLIP-style scores. Callers hand in raw
 * images (any size, [0, 1]); the extractor applies its own {@link #preprocessor()} so the resize
 * and range that go with its {@link #id()} can't be mixed up.
 */
public interface FeatureExtractor extends AutoCloseable {

    /** Identifies the network and its weights (file hash), e.g. {@code inception-2015-12-05:1a2b3c4d}. */
    String id();

    /** D of the features. */
    int dim();

    /** Expected input size, resize method and value range. */
    ImagePreprocessor preprocessor();

    /** Id of the resize method recorded with every figure ({@link ResizeMethod#id()}). */
    default String resizeMethod() {
        return preprocessor().resize().id();
    }

    /** Human-readable input contract, e.g. "299×299 torch-bilinear, [0, 255]". */
    default String inputDescription() {
        return preprocessor().describe();
    }

    /** Images per forward call when features are computed from lists. */
    default int batchSize() {
        return 16;
    }

    /** Features of an already preprocessed (B, 3, S, S) batch, as (B, D) float32 in {@code manager}. */
    NDArray embed(NDArray preprocessed, NDManager manager);

    /** (B, D) features of images of any size, in {@code manager}. */
    default NDArray features(List<BufferedImage> images, NDManager manager) {
        NDList parts = new NDList();
        try (NDManager sub = manager.newSubManager()) {
            for (int i = 0; i < images.size(); i += batchSize()) {
                List<BufferedImage> chunk = images.subList(i, Math.min(images.size(), i + batchSize()));
                parts.add(embed(preprocessor().apply(chunk, sub), sub));
            }
            NDArray out = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
            out.attach(manager);
            return out;
        }
    }

    /** (B, D) features of a (B, 3, H, W) batch in [0, 1], in {@code manager}. */
    default NDArray features(NDArray images01, NDManager manager) {
        long b = images01.getShape().get(0);
        List<NDArray> parts = new ArrayList<>();
        try (NDManager sub = manager.newSubManager()) {
            for (long i = 0; i < b; i += batchSize()) {
                NDArray chunk = images01.get(i + ":" + Math.min(b, i + batchSize()));
                chunk.attach(sub);
                parts.add(embed(preprocessor().apply(chunk, sub), sub));
            }
            NDArray out = parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts));
            out.attach(manager);
            return out;
        }
    }

    /** Mean and covariance of the features of {@code images}, with this extractor's provenance. */
    default FeatureStats stats(List<BufferedImage> images) {
        FeatureStats.Accumulator acc = new FeatureStats.Accumulator(id(), resizeMethod(), dim());
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int i = 0; i < images.size(); i += batchSize()) {
                try (NDManager sub = manager.newSubManager()) {
                    acc.add(features(images.subList(i, Math.min(images.size(), i + batchSize())), sub));
                }
            }
        }
        return acc.build("");
    }

    @Override
    void close();
}
