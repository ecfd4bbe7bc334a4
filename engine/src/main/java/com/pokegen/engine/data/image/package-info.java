/**
 * Picture decoding (PNG, JPEG, WebP, GIF first frame, SVG via jsvg) with truncation and
 * decompression-bomb checks, compositing on white, resizing, perceptual hashes and colour names.
 *
 * <p>May use: {@code io} and the JDK (Java2D, ImageIO, jsvg); nothing else of the engine.
 */
package com.pokegen.engine.data.image;
