package com.pokegen.engine.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.data.image.ColourNamer;
import com.pokegen.engine.data.image.PerceptualHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Curation flags over a batch's rows.
 *
 * <ul>
 *   <li>Near-duplicate: the perceptual hashes differ in at most {@value #MAX_HASH_BITS} of 64 bits
 *       and the 4×4 colour grids by at most {@value #MAX_COLOUR_DISTANCE} levels (the hash sees
 *       luminance only, so recoloured variants need the grid to stay apart). The earlier image in
 *       (prompt, seed) order is kept; the later one is flagged.
 *   <li>Off-brief colour: the prompt names a colour of {@link ColourNamer#NAMES} ("grey" counts as
 *       gray) but none of the prompt's colours is among the image's dominant ones.
 * </ul>
 *
 * <p>Candidates are found by splitting the 64-bit hash into four 16-bit bands: two hashes within
 * 3 bits share at least one band exactly (pigeonhole), so only rows sharing a band are compared.
 *
 * @param duplicates file → the earlier file it nearly duplicates
 * @param offBrief file → why its colours miss the prompt
 */
public record Curation(Map<String, String> duplicates, Map<String, String> offBrief) {

    static final int MAX_HASH_BITS = 3;
    static final double MAX_COLOUR_DISTANCE = 12;
    private static final int BANDS = 4;

    public Curation {
        duplicates = new TreeMap<>(duplicates);
        offBrief = new TreeMap<>(offBrief);
    }

    public static Curation of(List<ManifestRow> rows) {
        List<ManifestRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(ManifestRow::prompt).thenComparingLong(ManifestRow::seed)
                .thenComparingInt(ManifestRow::steps));
        Map<String, String> offBrief = new HashMap<>();
        for (ManifestRow r : sorted) {
            offBriefReason(r).ifPresent(reason -> offBrief.put(r.file(), reason));
        }
        return new Curation(duplicates(sorted), offBrief);
    }

    private static Map<String, String> duplicates(List<ManifestRow> sorted) {
        Map<String, String> dup = new HashMap<>();
        List<Map<Long, List<Integer>>> bands = new ArrayList<>();
        for (int b = 0; b < BANDS; b++) {
            bands.add(new HashMap<>());
        }
        for (int i = 0; i < sorted.size(); i++) {
            long hash = Long.parseUnsignedLong(sorted.get(i).phash(), 16);
            Set<Integer> candidates = new LinkedHashSet<>();
            for (int b = 0; b < BANDS; b++) {
                candidates.addAll(bands.get(b).computeIfAbsent(band(hash, b), k -> new ArrayList<>()));
            }
            for (int j : candidates) {
                if (near(sorted.get(j), sorted.get(i))) {
                    dup.put(sorted.get(i).file(), sorted.get(j).file());
                    break;
                }
            }
            for (int b = 0; b < BANDS; b++) {
                bands.get(b).get(band(hash, b)).add(i);
            }
        }
        return dup;
    }

    private static long band(long hash, int b) {
        return (hash >>> (16 * b)) & 0xFFFF;
    }

    private static boolean near(ManifestRow a, ManifestRow b) {
        long x = Long.parseUnsignedLong(a.phash(), 16);
        long y = Long.parseUnsignedLong(b.phash(), 16);
        return PerceptualHash.distance(x, y) <= MAX_HASH_BITS
                && PerceptualHash.colourDistance(a.colourGrid(), b.colourGrid()) <= MAX_COLOUR_DISTANCE;
    }

    /** The prompt's colour words (palette names), in order of appearance. */
    static List<String> colourWords(String prompt) {
        List<String> out = new ArrayList<>();
        for (String w : prompt.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            String name = w.equals("grey") ? "gray" : w;
            if (ColourNamer.NAMES.contains(name) && !out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private static Optional<String> offBriefReason(ManifestRow r) {
        List<String> wanted = colourWords(r.prompt());
        if (wanted.isEmpty() || wanted.stream().anyMatch(r.colours()::contains)) {
            return Optional.empty();
        }
        return Optional.of("asks for " + String.join(" or ", wanted) + "; dominant: "
                + (r.colours().isEmpty() ? "none" : String.join(", ", r.colours())));
    }

    /** Flags of one file, for display ("near-duplicate of ...", "off-brief: ..."). */
    public List<String> flags(String file) {
        List<String> out = new ArrayList<>();
        if (duplicates.containsKey(file)) {
            out.add("near-duplicate of " + duplicates.get(file));
        }
        if (offBrief.containsKey(file)) {
            out.add("off-brief: " + offBrief.get(file));
        }
        return out;
    }

    /** {@code curation.json}: the thresholds and both flag maps. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode();
        o.put("max_hash_bits", MAX_HASH_BITS);
        o.put("max_colour_distance", MAX_COLOUR_DISTANCE);
        o.set("near_duplicates", json.valueToTree(duplicates));
        o.set("off_brief", json.valueToTree(offBrief));
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
