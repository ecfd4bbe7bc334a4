package com.pokegen.engine.eval;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Solid coloured shapes on white with captions "a red circle", for in-domain tests. */
final class SyntheticShapes {

    static final Map<String, Color> COLOURS = Map.of(
            "red", new Color(220, 30, 30), "blue", new Color(30, 60, 220),
            "green", new Color(30, 170, 40), "yellow", new Color(240, 210, 20));
    static final List<String> SHAPES = List.of("circle", "square", "triangle");

    private SyntheticShapes() {}

    static List<ImageCaption> sample(List<String> colours, int n, long seed) {
        Random rnd = new Random(seed);
        List<ImageCaption> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String colour = colours.get(rnd.nextInt(colours.size()));
            String shape = SHAPES.get(rnd.nextInt(SHAPES.size()));
            out.add(new ImageCaption(draw(colour, shape, rnd), "a " + colour + " " + shape));
        }
        return out;
    }

    private static BufferedImage draw(String colour, String shape, Random rnd) {
        BufferedImage im = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = im.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 64);
        g.setColor(COLOURS.get(colour));
        int size = 18 + rnd.nextInt(24);
        int x = rnd.nextInt(64 - size);
        int y = rnd.nextInt(64 - size);
        switch (shape) {
            case "circle" -> g.fillOval(x, y, size, size);
            case "square" -> g.fillRect(x, y, size, size);
            default -> g.fillPolygon(new Polygon(new int[] {x, x + size / 2, x + size}, new int[] {y + size, y, y + size}, 3));
        }
        g.dispose();
        return im;
    }
}
