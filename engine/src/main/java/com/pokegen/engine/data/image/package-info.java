/**
 * Picture decoding (PNG, JPEG, WebP, GIF first frame, SVG via jsvg) with truncation and
 * decompression-bomb checks, compositing on white, resizing, perceptual hashes and colour names.
 */
package com.pokegen.engine.data.image;
