package com.pokegen.engine.eval;

/**
 * How images are resampled to an extractor's input size. Figures computed with different
 * methods are not comparable (Parmar et al., 2022, "On Aliased Resizing and Surprising Subtleties
 * in GAN Evaluation"), so the method's {@link #id()} is recorded with every number.
 */
public enum ResizeMethod {
    /**
     * {@code torch.nn.functional.interpolate(mode="bilinear", align_corners=False)} without
     * antialiasing: what the Inception TorchScript network does itself to non-299 inputs
     * (StyleGAN/ADM convention). Aliases when downsampling.
     */
    TORCH_BILINEAR("torch-bilinear", Filter.TRIANGLE, false),
    /** PIL {@code Image.BILINEAR}: triangle filter widened by the scale factor when downsampling. */
    PIL_BILINEAR("pil-bilinear", Filter.TRIANGLE, true),
    /**
     * PIL {@code Image.BICUBIC} (Keys cubic, a = −0.5), antialiased: clean-fid's "clean" resize
     * and CLIP's torchvision {@code Resize(224, BICUBIC)} on PIL images. Computed in float, without
     * PIL's 8-bit rounding between the two passes (differences ≤ 1/255).
     */
    PIL_BICUBIC("pil-bicubic", Filter.CUBIC, true);

    /** Separable resampling kernels. */
    enum Filter {
        TRIANGLE(1.0),
        CUBIC(2.0);

        final double support;

        Filter(double support) {
            this.support = support;
        }

        double weight(double x) {
            double ax = Math.abs(x);
            if (this == TRIANGLE) {
                return ax < 1 ? 1 - ax : 0;
            }
            double a = -0.5; // PIL's bicubic coefficient (torch uses −0.75)
            if (ax < 1) {
                return ((a + 2) * ax - (a + 3)) * ax * ax + 1;
            }
            return ax < 2 ? (((ax - 5) * ax + 8) * ax - 4) * a : 0;
        }
    }

    private final String id;
    final Filter filter;
    final boolean antialias;

    ResizeMethod(String id, Filter filter, boolean antialias) {
        this.id = id;
        this.filter = filter;
        this.antialias = antialias;
    }

    /** The name recorded with every figure, e.g. {@code pil-bicubic}. */
    public String id() {
        return id;
    }

    /** The method with this {@link #id()} or enum name. */
    public static ResizeMethod parse(String s) {
        for (ResizeMethod m : values()) {
            if (m.id.equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown resize method '" + s + "'; use one of torch-bilinear, pil-bilinear, pil-bicubic");
    }
}
