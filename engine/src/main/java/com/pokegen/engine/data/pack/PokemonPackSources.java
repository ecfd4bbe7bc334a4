package com.pokegen.engine.data.pack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw inputs of the pack builder, extracted from the three npm tarballs: a folder of
 * dream-world SVGs named {@code NUM.svg} / {@code NUM-FORM.svg}, the Pokédex as JSON, and a
 * folder of name lists {@code LANG.json} (arrays indexed by national number - 1).
 */
public record PokemonPackSources(Path svgDir, Path pokedexJson, Path namesDir) {

    private static final Pattern DREAM_WORLD_SVG = Pattern.compile("^package/sprites/pokemon/other/dream-world/([^/]+\\.svg)$");
    private static final Pattern NAME_LIST = Pattern.compile("^package/data/([a-z-]+\\.json)$");
    private static final String POKEDEX_JS = "package/build/cjs/data/pokedex.js";
    private static final String MARKER = "sources.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Extracts the inputs from the cached tarballs into {@code workDir} (once: a marker naming
     * the tarballs' integrity makes later calls return at once). Needs {@code node} to turn
     * {@code pokedex.js} into JSON.
     */
    public static PokemonPackSources prepare(NpmCache cache, Path workDir) throws IOException {
        PokemonPackSources sources = new PokemonPackSources(workDir.resolve("svg"), workDir.resolve("pokedex.json"),
                workDir.resolve("names"));
        ObjectNode wanted = JSON.createObjectNode();
        NpmPackage.POKEMON_PACK.forEach(p -> wanted.put(p.spec(), p.integrity()));
        Path marker = workDir.resolve(MARKER);
        if (Files.isRegularFile(marker) && JSON.readTree(marker.toFile()).equals(wanted)) {
            return sources;
        }
        Path sprites = cache.tarball(NpmPackage.SPRITES);
        Path pokedex = cache.tarball(NpmPackage.POKEDEX);
        Path names = cache.tarball(NpmPackage.NAMES);
        Files.createDirectories(workDir.toAbsolutePath().getParent());
        Path staging = AtomicFiles.tempSibling(workDir);
        try {
            Files.createDirectories(staging);
            int svgs = TarGz.extract(sprites, staging, name -> group(DREAM_WORLD_SVG, name, "svg/"));
            TarGz.extract(pokedex, staging, name -> name.equals(POKEDEX_JS) ? "pokedex.js" : null);
            TarGz.extract(names, staging, name -> group(NAME_LIST, name, "names/"));
            if (svgs == 0 || !Files.exists(staging.resolve("pokedex.js")) || !Files.exists(staging.resolve("names/en.json"))) {
                throw new IOException("the npm tarballs lack the expected files (dream-world SVGs: " + svgs
                        + "); check NpmPackage's pinned versions");
            }
            String json = NpmCli.run(List.of("node", "-e",
                    "process.stdout.write(JSON.stringify(require(process.argv[1]).Pokedex))",
                    staging.resolve("pokedex.js").toAbsolutePath().toString()), 120);
            Files.writeString(staging.resolve("pokedex.json"), json);
            Files.write(staging.resolve(MARKER), JSON.writeValueAsBytes(wanted));
            AtomicFiles.deleteTree(workDir);
            AtomicFiles.move(staging, workDir);
        } finally {
            AtomicFiles.deleteTree(staging);
        }
        return sources;
    }

    private static String group(Pattern p, String name, String prefix) {
        Matcher m = p.matcher(name);
        return m.matches() ? prefix + m.group(1) : null;
    }
}
