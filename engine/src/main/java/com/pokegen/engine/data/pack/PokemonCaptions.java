package com.pokegen.engine.data.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * English and French captions from {@link PokemonFacts}, stating only what the data says, e.g.
 * "a purple ghost and poison type pokemon, gengar, tall, fully evolved, amorphous egg group,
 * generation 1, mostly purple and gray".
 */
public final class PokemonCaptions {

    private static final Map<String, String> TYPES_FR = Map.ofEntries(
            Map.entry("normal", "normal"), Map.entry("fire", "feu"), Map.entry("water", "eau"),
            Map.entry("grass", "plante"), Map.entry("electric", "électrik"), Map.entry("ice", "glace"),
            Map.entry("fighting", "combat"), Map.entry("poison", "poison"), Map.entry("ground", "sol"),
            Map.entry("flying", "vol"), Map.entry("psychic", "psy"), Map.entry("bug", "insecte"),
            Map.entry("rock", "roche"), Map.entry("ghost", "spectre"), Map.entry("dragon", "dragon"),
            Map.entry("dark", "ténèbres"), Map.entry("steel", "acier"), Map.entry("fairy", "fée"),
            Map.entry("stellar", "stellaire"));
    private static final Map<String, String> COLOURS_FR = Map.ofEntries(
            Map.entry("red", "rouge"), Map.entry("orange", "orange"), Map.entry("yellow", "jaune"),
            Map.entry("green", "vert"), Map.entry("blue", "bleu"), Map.entry("purple", "violet"),
            Map.entry("pink", "rose"), Map.entry("brown", "marron"), Map.entry("black", "noir"),
            Map.entry("gray", "gris"), Map.entry("white", "blanc"));
    private static final Map<String, String> SIZES_FR = Map.of("tiny", "minuscule", "small", "petit",
            "medium", "moyen", "tall", "grand", "huge", "immense");
    private static final Map<String, String> STAGES_FR = Map.of("unevolved", "non évolué",
            "middle evolution", "évolution intermédiaire", "fully evolved", "évolution finale",
            "does not evolve", "n'évolue pas");
    private static final Map<String, String> EGG_GROUPS_FR = Map.ofEntries(
            Map.entry("monster", "monstre"), Map.entry("water 1", "aquatique 1"), Map.entry("water 2", "aquatique 2"),
            Map.entry("water 3", "aquatique 3"), Map.entry("bug", "insectoïde"), Map.entry("flying", "aérien"),
            Map.entry("field", "terrestre"), Map.entry("fairy", "féerique"), Map.entry("grass", "végétal"),
            Map.entry("human-like", "humanoïde"), Map.entry("mineral", "minéral"), Map.entry("amorphous", "amorphe"),
            Map.entry("ditto", "métamorph"), Map.entry("dragon", "draconique"), Map.entry("undiscovered", "inconnu"));

    private PokemonCaptions() {}

    public static String english(PokemonFacts f) {
        List<String> parts = new ArrayList<>();
        parts.add("a " + f.color() + " " + and(f.types(), "and") + " type pokemon");
        parts.add(lower(f.name()) + (f.form() == null ? "" : " (" + f.form().replace('-', ' ') + " form)"));
        if (f.sizeBucket() != null) {
            parts.add(f.sizeBucket());
        }
        parts.add(f.stage());
        if (!f.eggGroups().isEmpty()) {
            parts.add(and(f.eggGroups(), "and") + (f.eggGroups().size() == 1 ? " egg group" : " egg groups"));
        }
        parts.add("generation " + f.generation());
        if (!f.measuredColours().isEmpty()) {
            parts.add("mostly " + and(f.measuredColours(), "and"));
        }
        return String.join(", ", parts);
    }

    public static String french(PokemonFacts f) {
        List<String> parts = new ArrayList<>();
        parts.add("un pokémon " + fr(COLOURS_FR, f.color()) + " de type " + and(map(TYPES_FR, f.types()), "et"));
        parts.add(lower(f.nameFr()) + (f.form() == null ? "" : " (forme " + f.form().replace('-', ' ') + ")"));
        if (f.sizeBucket() != null) {
            parts.add(SIZES_FR.get(f.sizeBucket()));
        }
        parts.add(STAGES_FR.get(f.stage()));
        if (!f.eggGroups().isEmpty()) {
            parts.add((f.eggGroups().size() == 1 ? "groupe d'œufs " : "groupes d'œufs ")
                    + and(map(EGG_GROUPS_FR, f.eggGroups()), "et"));
        }
        parts.add("génération " + f.generation());
        if (!f.measuredColours().isEmpty()) {
            parts.add("surtout " + and(map(COLOURS_FR, f.measuredColours()), "et"));
        }
        return String.join(", ", parts);
    }

    private static List<String> map(Map<String, String> dict, List<String> words) {
        return words.stream().map(w -> fr(dict, w)).toList();
    }

    /** The French word, or the English one when the table lacks it (new types, groups). */
    private static String fr(Map<String, String> dict, String word) {
        return dict.getOrDefault(word, word);
    }

    private static String and(List<String> words, String conjunction) {
        if (words.size() <= 1) {
            return words.isEmpty() ? "" : words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " " + conjunction + " " + words.get(words.size() - 1);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
