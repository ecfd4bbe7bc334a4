package com.pokegen.engine.data;

import com.pokegen.engine.data.source.SourceFormat;

/**
 * How a source is imported.
 *
 * @param format the source layout, or {@code null} to detect it (default)
 * @param captionColumn the metadata column holding captions (default {@code text})
 * @param pixelBudget most pixels a picture may declare before it is refused as a decompression
 *     bomb (default 40 M, a 6,300 × 6,300 picture)
 * @param svgSize longer side, in pixels, that SVGs are rasterised to (default 512)
 * @param maxFileBytes largest file read (default 256 MiB)
 */
public record ImportOptions(SourceFormat format, String captionColumn, long pixelBudget, int svgSize, long maxFileBytes) {

    public ImportOptions {
        if (captionColumn == null || captionColumn.isBlank()) {
            throw new IllegalArgumentException("captionColumn must name a column, e.g. \"text\"");
        }
        if (pixelBudget < 1 || svgSize < 1 || maxFileBytes < 1) {
            throw new IllegalArgumentException("pixelBudget, svgSize and maxFileBytes must be positive");
        }
    }

    /** The defaults listed above. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, "text", 40_000_000L, 512, 256L << 20);
    }

    public ImportOptions withFormat(SourceFormat f) {
        return new ImportOptions(f, captionColumn, pixelBudget, svgSize, maxFileBytes);
    }

    public ImportOptions withCaptionColumn(String c) {
        return new ImportOptions(format, c, pixelBudget, svgSize, maxFileBytes);
    }

    public ImportOptions withPixelBudget(long p) {
        return new ImportOptions(format, captionColumn, p, svgSize, maxFileBytes);
    }

    public ImportOptions withSvgSize(int s) {
        return new ImportOptions(format, captionColumn, pixelBudget, s, maxFileBytes);
    }
}
