package com.pokegen.engine.data.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.data.Cancellation;
import com.pokegen.engine.data.ProgressListener;
import com.pokegen.engine.data.image.ColourNamer;
import com.pokegen.engine.data.image.ImageOps;
import com.pokegen.engine.data.image.ImageProblem;
import com.pokegen.engine.data.image.SvgRasterizer;
import com.pokegen.engine.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Turns {@link PokemonPackSources} into an imagefolder: each SVG rasterised (jsvg) with its
 * longer side at the pack size, composited on white, padded to a square; captions in English
 * and French from the Pokédex facts plus dominant colours measured on the opaque pixels.
 */
public final class PokemonPackBuilder {

    /** Pack picture side in pixels (training resolutions are derived from it). */
    public static final int DEFAULT_SIZE = 256;
    static final String MANIFEST = "pack.json";
    private static final Pattern SVG_NAME = Pattern.compile("^(\\d+)(?:-([a-z0-9-]+))?\\.svg$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PokemonPackBuilder() {}

    /** One planned picture. */
    private record Entry(Path svg, int num, String form, String stem) {}

    /** Builds the pack into {@code outDir} (replaced as a whole when the build succeeds). */
    public static PackResult build(PokemonPackSources src, Path outDir, int size, ObjectNode provenance,
            ProgressListener progress, BooleanSupplier cancel) throws IOException {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        Pokedex dex = new Pokedex(JSON.readTree(src.pokedexJson().toFile()));
        JsonNode en = JSON.readTree(src.namesDir().resolve("en.json").toFile());
        Path frFile = src.namesDir().resolve("fr.json");
        JsonNode fr = Files.exists(frFile) ? JSON.readTree(frFile.toFile()) : en;
        List<String> skipped = Collections.synchronizedList(new ArrayList<>());
        List<Entry> entries = plan(src.svgDir(), skipped);

        Files.createDirectories(outDir.toAbsolutePath().getParent());
        Path staging = AtomicFiles.tempSibling(outDir);
        try {
            Path images = Files.createDirectories(staging.resolve("images"));
            ObjectNode[] lines = new ObjectNode[entries.size()];
            AtomicInteger done = new AtomicInteger();
            try {
                IntStream.range(0, entries.size()).parallel().forEach(i -> {
                    Cancellation.check(cancel, "pack build");
                    try {
                        lines[i] = render(entries.get(i), dex, en, fr, size, images, skipped);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    listener.progress("rasterise", done.incrementAndGet(), entries.size());
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            ByteArrayOutputStream metadata = new ByteArrayOutputStream();
            int count = 0;
            for (ObjectNode line : lines) {
                if (line != null) {
                    metadata.write(JSON.writeValueAsBytes(line));
                    metadata.write('\n');
                    count++;
                }
            }
            Files.write(staging.resolve("metadata.jsonl"), metadata.toByteArray());
            ObjectNode manifest = provenance == null ? JSON.createObjectNode() : provenance.deepCopy();
            manifest.put("size", size);
            manifest.put("images", count);
            manifest.put("licence", "Images © The Pokémon Company; for local research use, never commit or redistribute them");
            Files.write(staging.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            AtomicFiles.deleteTree(outDir);
            AtomicFiles.move(staging, outDir);
            List<String> sortedSkips = new ArrayList<>(skipped);
            Collections.sort(sortedSkips);
            return new PackResult(outDir, count, true, 0, sortedSkips);
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    private static List<Entry> plan(Path svgDir, List<String> skipped) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(svgDir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                Matcher m = SVG_NAME.matcher(name);
                if (!m.matches()) {
                    skipped.add(name + ": not named NUM.svg or NUM-FORM.svg");
                    continue;
                }
                int num = Integer.parseInt(m.group(1));
                String form = m.group(2);
                String stem = String.format("%04d", num) + (form == null ? "" : "-" + form);
                entries.add(new Entry(p, num, form, stem));
            }
        }
        entries.sort(Comparator.comparing(Entry::stem));
        return entries;
    }

    private static ObjectNode render(Entry e, Pokedex dex, JsonNode en, JsonNode fr, int size, Path images,
            List<String> skipped) throws IOException {
        Optional<JsonNode> base = dex.base(e.num);
        if (base.isEmpty() || e.num > en.size()) {
            skipped.add(e.svg.getFileName() + ": national number " + e.num + " is not in the Pokédex or name list");
            return null;
        }
        JsonNode entry = e.form == null ? base.get() : dex.form(base.get(), e.form).orElse(base.get());
        BufferedImage argb;
        try {
            argb = SvgRasterizer.render(Files.readAllBytes(e.svg), size);
        } catch (ImageProblem p) {
            skipped.add(e.svg.getFileName() + ": " + p.getMessage());
            return null;
        }
        List<String> measured = ColourNamer.dominant(argb, 2, 0.15);
        BufferedImage square = ImageOps.padToSquare(ImageOps.compositeOnWhite(argb));
        Files.write(images.resolve(e.stem + ".png"), ImageOps.png(square));
        PokemonFacts facts = facts(e, entry, dex, en, fr, measured);
        return metadata(e, facts);
    }

    static PokemonFacts facts(Entry e, JsonNode entry, Pokedex dex, JsonNode en, JsonNode fr, List<String> measured) {
        String name = en.get(e.num - 1).asText();
        String nameFr = e.num - 1 < fr.size() ? fr.get(e.num - 1).asText() : name;
        List<String> types = lowerList(entry.get("types"));
        List<String> eggs = lowerList(dex.species(entry).get("eggGroups"));
        String color = entry.hasNonNull("color") ? entry.get("color").asText().toLowerCase(Locale.ROOT)
                : measured.isEmpty() ? "white" : measured.get(0);
        return new PokemonFacts(e.num, e.form, name, nameFr, types, color, number(entry, "heightm"),
                number(entry, "weightkg"), eggs, dex.stageDepth(entry), dex.evolves(entry), measured);
    }

    private static ObjectNode metadata(Entry e, PokemonFacts f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("file_name", "images/" + e.stem + ".png");
        n.put("text", PokemonCaptions.english(f));
        n.put("text_fr", PokemonCaptions.french(f));
        n.put("name", f.name());
        n.put("name_fr", f.nameFr());
        n.put("num", f.num());
        if (f.form() != null) {
            n.put("form", f.form());
        }
        f.types().forEach(n.putArray("types")::add);
        n.put("color", f.color());
        if (!Double.isNaN(f.heightM())) {
            n.put("height_m", f.heightM());
            n.put("size", f.sizeBucket());
        }
        if (!Double.isNaN(f.weightKg())) {
            n.put("weight_kg", f.weightKg());
        }
        f.eggGroups().forEach(n.putArray("egg_groups")::add);
        n.put("stage", f.stage());
        n.put("generation", f.generation());
        f.measuredColours().forEach(n.putArray("dominant_colors")::add);
        return n;
    }

    private static List<String> lowerList(JsonNode arr) {
        List<String> out = new ArrayList<>();
        if (arr != null) {
            arr.forEach(t -> out.add(t.asText().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    private static double number(JsonNode entry, String field) {
        return entry.hasNonNull(field) ? entry.get(field).asDouble() : Double.NaN;
    }
}
