package com.pokegen.engine.data.pack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The species table of {@code @pkmn/sim} ({@code Pokedex} dumped as JSON): entries keyed by
 * id (lower-case letters and digits, e.g. {@code deoxysattack}), each with {@code num},
 * {@code name}, {@code types}, {@code color}, {@code heightm}, {@code weightkg},
 * {@code eggGroups}, and optionally {@code prevo}, {@code evos}, {@code baseSpecies}, {@code forme}.
 */
final class Pokedex {

    private static final int LONGEST_CHAIN = 8;
    private final Map<String, JsonNode> byId = new HashMap<>();
    private final Map<Integer, JsonNode> baseByNum = new HashMap<>();

    Pokedex(JsonNode root) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode entry = e.getValue();
            if (!entry.has("num") || !entry.has("name")) {
                continue;
            }
            byId.put(e.getKey(), entry);
            if (!entry.has("baseSpecies")) {
                baseByNum.putIfAbsent(entry.get("num").asInt(), entry);
            }
        }
        if (baseByNum.isEmpty()) {
            throw new IllegalArgumentException("the Pokédex JSON has no species entries (objects with num and name)");
        }
    }

    /** Showdown's id of a display name: lower case, letters and digits only. */
    static String toId(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The base species with national number {@code num}. */
    Optional<JsonNode> base(int num) {
        return Optional.ofNullable(baseByNum.get(num));
    }

    /** The entry of {@code form} of {@code base} (e.g. Deoxys + "attack"), when the table has one. */
    Optional<JsonNode> form(JsonNode base, String form) {
        return Optional.ofNullable(byId.get(toId(base.get("name").asText()) + toId(form)));
    }

    /** The base species of a form entry, or the entry itself. */
    JsonNode species(JsonNode entry) {
        if (entry.has("baseSpecies")) {
            JsonNode b = byId.get(toId(entry.get("baseSpecies").asText()));
            if (b != null) {
                return b;
            }
        }
        return entry;
    }

    /** How many evolutions precede this species (0 for an unevolved one). */
    int stageDepth(JsonNode entry) {
        JsonNode cur = species(entry);
        int depth = 0;
        while (cur.has("prevo") && depth < LONGEST_CHAIN) {
            JsonNode prev = byId.get(toId(cur.get("prevo").asText()));
            if (prev == null) {
                break;
            }
            cur = prev;
            depth++;
        }
        return depth;
    }

    /** Whether the species evolves further. */
    boolean evolves(JsonNode entry) {
        JsonNode evos = species(entry).get("evos");
        return evos != null && evos.size() > 0;
    }
}
