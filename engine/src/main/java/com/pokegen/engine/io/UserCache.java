package com.pokegen.engine.io;

import java.nio.file.Path;

/**
 * The user's cache folder: {@code $POKEGEN_CACHE}, else {@code ~/.cache/pokegen}. Caches go here
 * (or into a run folder), never beside the user's data, which may be read-only or synced.
 */
public final class UserCache {

    /** System property that moves the latent cache (tests point it into {@code target/}). */
    public static final String LATENTS_PROPERTY = "pokegen.latent.cache";

    private UserCache() {}

    public static Path root() {
        String env = System.getenv("POKEGEN_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "pokegen");
    }

    /** Encoded training latents: {@code -Dpokegen.latent.cache=DIR}, else {@code root()/latents}. */
    public static Path latents() {
        String dir = System.getProperty(LATENTS_PROPERTY);
        return dir != null && !dir.isBlank() ? Path.of(dir) : root().resolve("latents");
    }
}
