package com.pokegen.engine.data.image;

import java.awt.image.BufferedImage;

/**
 * A decoded picture, always opaque RGB (transparent pixels already composited on white).
 *
 * @param rgb the pixels, {@code TYPE_INT_RGB}
 * @param format the format the bytes were in
 * @param hadTransparency whether any source pixel was not fully opaque
 */
public record DecodedImage(BufferedImage rgb, ImageFormat format, boolean hadTransparency) {

    public int width() {
        return rgb.getWidth();
    }

    public int height() {
        return rgb.getHeight();
    }
}
