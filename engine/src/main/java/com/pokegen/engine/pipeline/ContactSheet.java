package com.pokegen.engine.pipeline;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A grid of images with a caption under each (for comparing seeds and prompts at a glance).
 * Small images are enlarged by an integer factor without smoothing, so pixels stay visible.
 */
public final class ContactSheet {

    static final int MIN_CELL = 128;
    static final int MAX_COLUMNS = 8;
    private static final int PAD = 6;
    private static final int CAPTION_LINES = 2;

    private ContactSheet() {}

    /** @param captions one per image (shortened to fit the cell) */
    public static BufferedImage render(List<BufferedImage> images, List<String> captions) {
        if (images.isEmpty() || images.size() != captions.size()) {
            throw new IllegalArgumentException("need one caption per image and at least one image");
        }
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        int scale = Math.max(1, (int) Math.ceil(MIN_CELL / (double) Math.max(w, h)));
        int cellW = w * scale;
        int cellH = h * scale;
        int cols = Math.min(MAX_COLUMNS, (int) Math.ceil(Math.sqrt(images.size())));
        int rows = (images.size() + cols - 1) / cols;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        BufferedImage sheet = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D probe = sheet.createGraphics();
        FontMetrics fm = probe.getFontMetrics(font);
        probe.dispose();
        int captionH = CAPTION_LINES * fm.getHeight() + 2;
        sheet = new BufferedImage(PAD + cols * (cellW + PAD), PAD + rows * (cellH + captionH + PAD),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(Color.DARK_GRAY);
            for (int i = 0; i < images.size(); i++) {
                int x = PAD + (i % cols) * (cellW + PAD);
                int y = PAD + (i / cols) * (cellH + captionH + PAD);
                g.drawImage(images.get(i), x, y, cellW, cellH, null);
                drawCaption(g, fm, captions.get(i), x, y + cellH, cellW);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    // wraps at the cell width over at most CAPTION_LINES lines, ending with "…" when cut
    private static void drawCaption(Graphics2D g, FontMetrics fm, String text, int x, int top, int width) {
        String rest = text.strip();
        for (int line = 0; line < CAPTION_LINES && !rest.isEmpty(); line++) {
            int end = rest.length();
            while (end > 0 && fm.stringWidth(rest.substring(0, end)) > width) {
                end--;
            }
            String shown = rest.substring(0, end);
            rest = rest.substring(end).strip();
            if (line == CAPTION_LINES - 1 && !rest.isEmpty() && shown.length() > 1) {
                shown = shown.substring(0, shown.length() - 1) + "…";
            }
            g.drawString(shown, x, top + (line + 1) * fm.getHeight());
        }
    }
}
