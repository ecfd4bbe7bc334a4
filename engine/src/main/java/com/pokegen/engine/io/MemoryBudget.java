package com.pokegen.engine.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks an estimate of the memory a request needs against what this machine can give, before
 * anything is allocated: a config or option asking for absurd sizes then ends with one line
 * (estimate and budget) instead of an OutOfMemoryError, an integer overflow or a libtorch trace.
 * Estimates are lower bounds, so a request that fits is never refused.
 */
public final class MemoryBudget {

    /** Where the memory comes from: the Java heap ({@code -Xmx}) or native RAM (libtorch tensors). */
    public enum Kind { HEAP, NATIVE }

    private MemoryBudget() {}

    /**
     * @param what the request, e.g. "generating 100000000 images of 64x64"
     * @param bytes the estimated need (a double: absurd sizes overflow a long)
     * @param fix what to lower
     * @throws IllegalArgumentException with estimate and budget when {@code bytes} exceeds it
     */
    public static void require(String what, double bytes, Kind kind, String fix) {
        long heap = Runtime.getRuntime().maxMemory();
        long ram = availableRam();
        double budget = kind == Kind.HEAP ? heap : ram;
        if (!(bytes <= budget)) { // NaN and infinity fail too
            throw new IllegalArgumentException(what + " needs about " + format(bytes) + " (estimated), more than this"
                    + " machine has (" + (kind == Kind.HEAP ? "Java heap -Xmx " + format(heap) + ", free RAM " + format(ram)
                    : "free RAM " + format(ram) + ", Java heap -Xmx " + format(heap)) + "); " + fix);
        }
    }

    /** Bytes of RAM available to new allocations: MemAvailable on Linux, else the OS's free memory. */
    public static long availableRam() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the JVM's view below
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getFreeMemorySize() : Long.MAX_VALUE;
    }

    /** "12.3 GiB", "4.0e+06 TiB": readable at any magnitude, never negative. */
    public static String format(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 1e5 ? "%.1f %s" : "%.1e %s", v, units[u]);
    }
}
