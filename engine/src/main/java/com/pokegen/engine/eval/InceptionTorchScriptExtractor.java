package com.pokegen.engine.eval;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Standard FID features: the 2048-d pool3 activations of the Inception-v3 network of Heusel et
 * al.'s TensorFlow FID code, as the TorchScript port {@code inception-2015-12-05.pt} that
 * StyleGAN2-ADA/StyleGAN3 and clean-fid use. Its {@code forward(img, return_features=True)} takes
 * (B, 3, H, W) RGB in [0, 255]; we resize to 299 first with a recorded method
 * ({@link ResizeMethod#PIL_BICUBIC} = clean-fid's "clean" mode; {@link ResizeMethod#TORCH_BILINEAR}
 * = what the network would do itself, StyleGAN's convention).
 */
public final class InceptionTorchScriptExtractor implements FeatureExtractor {

    public static final String FLAG = "--inception";
    public static final String FILE_NAME = "inception-2015-12-05.pt";
    public static final int DIM = 2048;

    private final TorchScriptModule module;
    private final ImagePreprocessor preprocessor;

    private InceptionTorchScriptExtractor(TorchScriptModule module, ImagePreprocessor preprocessor) {
        this.module = module;
        this.preprocessor = preprocessor;
    }

    /** Loads the user's {@value #FILE_NAME} on the CPU. */
    public static InceptionTorchScriptExtractor load(Path file, ResizeMethod resize) throws IOException {
        return load(file, resize, Device.cpu());
    }

    public static InceptionTorchScriptExtractor load(Path file, ResizeMethod resize, Device device) throws IOException {
        TorchScriptModule module = TorchScriptModule.load(file, device, "Inception", FLAG, FILE_NAME);
        InceptionTorchScriptExtractor ex = new InceptionTorchScriptExtractor(module, ImagePreprocessor.inception(resize));
        try (NDManager probe = NDManager.newBaseManager()) {
            ex.embed(probe.zeros(new Shape(1, 3, 299, 299)), probe); // fail now, with the file named, if it is not Inception
        } catch (RuntimeException e) {
            module.close();
            throw new IOException(file + ": not the FID Inception network (" + e.getMessage() + "); " + FLAG
                    + " expects " + FILE_NAME, e);
        }
        return ex;
    }

    @Override
    public String id() {
        return MetricNames.INCEPTION_PREFIX + ":pool3:" + module.shortHash();
    }

    @Override
    public int dim() {
        return DIM;
    }

    @Override
    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /** (B, 3, 299, 299) in [0, 255] -> (B, 2048) */
    @Override
    public NDArray embed(NDArray preprocessed, NDManager manager) {
        NDArray out;
        try {
            out = module.call("forward", manager, preprocessed, Boolean.TRUE);
        } catch (EngineException e) {
            throw new IllegalStateException(module.file() + ": forward(img, return_features=True) failed: " + e.getMessage(), e);
        }
        Shape s = out.getShape();
        if (s.dimension() != 2 || s.get(0) != preprocessed.getShape().get(0) || s.get(1) != DIM) {
            throw new IllegalStateException(module.file() + ": forward(img, return_features=True) returned " + s
                    + ", expected (B, " + DIM + ") pool3 features");
        }
        return out.toType(DataType.FLOAT32, false);
    }

    @Override
    public void close() {
        module.close();
    }
}
