package com.pokegen.engine.data.pack;

import java.util.List;

/**
 * What the data says about one pack picture; captions are built only from these fields.
 *
 * @param num national dex number
 * @param form form label from the file name (e.g. "attack"), or null
 * @param name English species name
 * @param nameFr French species name
 * @param types types, English, lower case
 * @param color Pokédex colour, lower case
 * @param heightM height in metres, or NaN when unknown
 * @param weightKg weight in kilograms, or NaN when unknown
 * @param eggGroups egg groups, lower case
 * @param stageDepth evolutions before this one (0 = unevolved)
 * @param evolves whether it evolves further
 * @param measuredColours dominant colours measured from the pixels, most frequent first
 */
public record PokemonFacts(int num, String form, String name, String nameFr, List<String> types, String color,
        double heightM, double weightKg, List<String> eggGroups, int stageDepth, boolean evolves,
        List<String> measuredColours) {

    public PokemonFacts {
        types = List.copyOf(types);
        eggGroups = List.copyOf(eggGroups);
        measuredColours = List.copyOf(measuredColours);
    }

    /** The game generation that introduced the species, from national dex ranges. */
    public int generation() {
        int[] lastOfGeneration = {151, 251, 386, 493, 649, 721, 809, 905};
        for (int g = 0; g < lastOfGeneration.length; g++) {
            if (num <= lastOfGeneration[g]) {
                return g + 1;
            }
        }
        return 9;
    }

    /** Size bucket from height: tiny < 0.5 m ≤ small < 1 m ≤ medium < 1.5 m ≤ tall < 2.5 m ≤ huge; null when unknown. */
    public String sizeBucket() {
        if (Double.isNaN(heightM)) {
            return null;
        }
        return heightM < 0.5 ? "tiny" : heightM < 1.0 ? "small" : heightM < 1.5 ? "medium" : heightM < 2.5 ? "tall" : "huge";
    }

    /** Evolution stage label: unevolved, middle evolution, fully evolved, or does not evolve. */
    public String stage() {
        if (stageDepth == 0) {
            return evolves ? "unevolved" : "does not evolve";
        }
        return evolves ? "middle evolution" : "fully evolved";
    }
}
