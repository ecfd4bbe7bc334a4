package com.pokegen.engine.data.image;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.parser.resources.ResourcePolicy;
import com.github.weisj.jsvg.view.FloatSize;
import com.github.weisj.jsvg.view.ViewBox;
import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;

/**
 * Rasterises SVG documents in Java with jsvg. External resources are refused, so an SVG can
 * never make the importer read other files or the network.
 */
public final class SvgRasterizer {

    private static final LoaderContext CONTEXT =
            LoaderContext.builder().externalResourcePolicy(ResourcePolicy.DENY_ALL).build();

    private SvgRasterizer() {}

    /**
     * Renders {@code svg} so that its longer side is {@code longSide} pixels, keeping its
     * aspect ratio, onto a transparent ARGB canvas.
     */
    public static BufferedImage render(byte[] svg, int longSide) throws ImageProblem {
        if (longSide < 1) {
            throw new IllegalArgumentException("SVG raster size must be positive, got " + longSide);
        }
        SVGDocument doc;
        try {
            doc = new SVGLoader().load(new ByteArrayInputStream(svg), URI.create("file:/svg-input/"), CONTEXT);
        } catch (RuntimeException e) {
            throw new ImageProblem(ImageProblem.Kind.UNDECODABLE, "SVG cannot be parsed: " + e.getMessage(), e);
        }
        if (doc == null) {
            throw new ImageProblem(ImageProblem.Kind.UNDECODABLE, "SVG cannot be parsed (malformed or cut XML)");
        }
        FloatSize size = doc.size();
        if (!(size.width > 0 && size.height > 0)) {
            throw new ImageProblem(ImageProblem.Kind.UNDECODABLE, "SVG has no positive width/height/viewBox");
        }
        double scale = longSide / Math.max(size.width, size.height);
        int w = Math.max(1, (int) Math.round(size.width * scale));
        int h = Math.max(1, (int) Math.round(size.height * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            doc.render((Component) null, g, new ViewBox(0, 0, w, h));
        } catch (RuntimeException e) {
            throw new ImageProblem(ImageProblem.Kind.UNDECODABLE, "SVG cannot be rendered: " + e.getMessage(), e);
        } finally {
            g.dispose();
        }
        return out;
    }
}
