package com.pokegen.engine.data.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.UserCache;
import com.pokegen.engine.data.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The offline Pokémon pack, end to end: fetch the pinned npm tarballs once into the cache
 * ({@code $POKEGEN_CACHE}, default {@code ~/.cache/pokegen}), verify them, extract, and build
 * the imagefolder. Later runs work offline from the cache; an up-to-date pack is reused.
 */
public final class PokemonPack {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PokemonPack() {}

    /** The cache root: {@code $POKEGEN_CACHE}, else {@code ~/.cache/pokegen}. */
    public static Path defaultCacheRoot() {
        return UserCache.root();
    }

    /** Where the pack is built by default: {@code CACHE/pokemon-pack}. */
    public static Path defaultPackDir(Path cacheRoot) {
        return cacheRoot.resolve("pokemon-pack");
    }

    /**
     * Makes sure an up-to-date pack is in {@code outDir}.
     *
     * @param cacheRoot holds {@code npm/} (tarballs) and {@code pokemon-pack-src/} (extracted inputs)
     * @param fetcher downloads a tarball (normally {@link NpmCli}); called only for missing tarballs
     * @param force rebuild even when {@code outDir} holds a pack made from the same sources and size
     */
    public static PackResult ensure(Path cacheRoot, Path outDir, int size, PackageFetcher fetcher, boolean force,
            ProgressListener progress, BooleanSupplier cancel) throws IOException {
        ObjectNode provenance = JSON.createObjectNode();
        ObjectNode sources = provenance.putObject("sources");
        NpmPackage.POKEMON_PACK.forEach(p -> sources.put(p.spec(), p.integrity()));
        Path manifest = outDir.resolve(PokemonPackBuilder.MANIFEST);
        if (!force && Files.isRegularFile(manifest)) {
            JsonNode existing = JSON.readTree(manifest.toFile());
            if (existing.path("sources").equals(sources) && existing.path("size").asInt() == size) {
                return new PackResult(outDir, existing.path("images").asInt(), false, 0, List.of());
            }
        }
        NpmCache cache = new NpmCache(cacheRoot.resolve("npm"), fetcher);
        PokemonPackSources src = PokemonPackSources.prepare(cache, cacheRoot.resolve("pokemon-pack-src"));
        PackResult built = PokemonPackBuilder.build(src, outDir, size, provenance, progress, cancel);
        return new PackResult(built.dir(), built.images(), true, cache.fetchCount(), built.skipped());
    }
}
