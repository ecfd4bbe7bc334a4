package com.pokegen.engine.data.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG, JPEG, WebP (TwelveMonkeys plug-in), GIF (first frame) and SVG (jsvg) into
 * opaque RGB. Refuses cut files and pictures whose declared size exceeds a pixel budget
 * before allocating them (a small file can declare a gigapixel canvas).
 */
public final class ImageLoader {

    static {
        ImageIO.setUseCache(false); // decode in memory, never into java.io.tmpdir
        ImageIO.scanForPlugins();
    }

    private final long pixelBudget;
    private final int svgSize;

    /**
     * @param pixelBudget most pixels (width × height) a raster image may declare
     * @param svgSize longer side, in pixels, that SVGs are rasterised to
     */
    public ImageLoader(long pixelBudget, int svgSize) {
        if (pixelBudget < 1 || svgSize < 1) {
            throw new IllegalArgumentException("pixel budget and SVG size must be positive");
        }
        this.pixelBudget = pixelBudget;
        this.svgSize = svgSize;
    }

    /** Decodes {@code bytes}; throws {@link ImageProblem} naming the defect. */
    public DecodedImage decode(byte[] bytes) throws ImageProblem {
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == ImageFormat.UNKNOWN) {
            throw new ImageProblem(ImageProblem.Kind.UNDECODABLE,
                    "not a PNG, JPEG, WebP, GIF or SVG file (unknown signature)");
        }
        if (!format.isComplete(bytes)) {
            throw new ImageProblem(ImageProblem.Kind.TRUNCATED,
                    format + " file ends early (" + bytes.length + " bytes): it was cut while copying or downloading");
        }
        BufferedImage raw = format == ImageFormat.SVG ? SvgRasterizer.render(bytes, svgSize) : decodeRaster(bytes, format);
        boolean transparent = ImageOps.hasTransparency(raw);
        return new DecodedImage(ImageOps.compositeOnWhite(raw), format, transparent);
    }

    private BufferedImage decodeRaster(byte[] bytes, ImageFormat format) throws ImageProblem {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageProblem(ImageProblem.Kind.UNSUPPORTED_FORMAT, "no decoder installed for " + format);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new ImageProblem(ImageProblem.Kind.UNDECODABLE, format + " declares size " + w + "x" + h);
                }
                if (w * h > pixelBudget) {
                    throw new ImageProblem(ImageProblem.Kind.DECOMPRESSION_BOMB, format + " declares " + w + "x" + h
                            + " = " + (w * h) + " pixels, above the budget of " + pixelBudget
                            + " (raise ImportOptions.pixelBudget if this picture is genuine)");
                }
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new ImageProblem(ImageProblem.Kind.UNDECODABLE, format + " decoder returned no picture");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageProblem(ImageProblem.Kind.UNDECODABLE, format + " cannot be decoded: " + e.getMessage(), e);
        }
    }
}
