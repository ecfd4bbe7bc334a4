package com.pokegen.engine.train;

import com.pokegen.engine.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Tiles equally sized images into a grid PNG (row-major), written atomically. */
public final class ImageGrid {

    private ImageGrid() {}

    public static BufferedImage tile(List<BufferedImage> tiles, int columns) {
        int w = tiles.get(0).getWidth();
        int h = tiles.get(0).getHeight();
        int rows = (tiles.size() + columns - 1) / columns;
        BufferedImage out = new BufferedImage(columns * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < tiles.size(); i++) {
            g.drawImage(tiles.get(i), (i % columns) * w, (i / columns) * h, null);
        }
        g.dispose();
        return out;
    }

    public static void write(List<BufferedImage> tiles, int columns, Path png) throws IOException {
        writeSheet(tile(tiles, columns), png);
    }

    /** Writes a finished image as PNG atomically. */
    public static void writeSheet(BufferedImage image, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }
}
