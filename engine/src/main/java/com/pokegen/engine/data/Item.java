package com.pokegen.engine.data;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One imported picture, as fixed at import time (never changed afterwards; edits live in the
 * journal).
 *
 * @param id stable id, derived from the source file name; the picture is {@code import/images/ID.png}
 * @param source the file name in the source
 * @param caption the caption exactly as the source gave it, or {@code null} when it gave none
 * @param imageHash SHA-256 of the normalised pixels ({@link com.pokegen.engine.data.image.ImageOps#pixelHash})
 * @param phash 64-bit perceptual hash
 * @param colourGrid 4×4 mean-colour signature ({@link com.pokegen.engine.data.image.PerceptualHash#colourGrid})
 * @param width width in pixels
 * @param height height in pixels
 * @param meta the source's other columns
 */
public record Item(String id, String source, String caption, String imageHash, long phash, String colourGrid, int width, int height,
        ObjectNode meta) {}
