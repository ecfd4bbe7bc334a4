package com.pokegen.engine.data.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Image formats the importer reads, recognised by their leading bytes (never by the file
 * name), with a structural check that the file is complete.
 */
public enum ImageFormat {
    PNG, JPEG, WEBP, GIF, SVG, UNKNOWN;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    /** The format whose signature starts {@code bytes}. */
    public static ImageFormat sniff(byte[] bytes) {
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return PNG;
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (bytes.length >= 12 && ascii(bytes, 0, 4).equals("RIFF") && ascii(bytes, 8, 4).equals("WEBP")) {
            return WEBP;
        }
        if (bytes.length >= 6 && (ascii(bytes, 0, 6).equals("GIF87a") || ascii(bytes, 0, 6).equals("GIF89a"))) {
            return GIF;
        }
        if (looksLikeSvg(bytes)) {
            return SVG;
        }
        return UNKNOWN;
    }

    /**
     * Whether the file's structure ends where the format says it must (PNG IEND chunk, JPEG
     * end-of-image marker after the scan, GIF trailer, RIFF size). Decoders often return a
     * partly grey picture for cut files instead of failing, so this is checked separately.
     */
    public boolean isComplete(byte[] b) {
        switch (this) {
            case PNG:
                return b.length >= PNG_SIGNATURE.length + PNG_IEND.length && endsWith(b, PNG_IEND);
            case JPEG:
                return jpegComplete(b);
            case GIF:
                return b.length > 13 && b[b.length - 1] == 0x3B;
            case WEBP:
                long riffSize = (b[4] & 0xFFL) | (b[5] & 0xFFL) << 8 | (b[6] & 0xFFL) << 16 | (b[7] & 0xFFL) << 24;
                return b.length >= riffSize + 8;
            default:
                return true;
        }
    }

    private static boolean jpegComplete(byte[] b) {
        int sos = -1;
        for (int i = 2; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xDA) {
                sos = i;
                break;
            }
        }
        if (sos < 0) {
            return false;
        }
        // Some writers append padding after EOI, so look for the marker near the end.
        for (int i = b.length - 2; i > sos && i >= b.length - 4096; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeSvg(byte[] bytes) {
        int n = Math.min(bytes.length, 2048);
        String head = new String(bytes, 0, n, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return head.contains("<svg");
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWith(byte[] b, byte[] suffix) {
        int off = b.length - suffix.length;
        for (int i = 0; i < suffix.length; i++) {
            if (b[off + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
