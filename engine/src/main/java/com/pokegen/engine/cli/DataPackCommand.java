package com.pokegen.engine.cli;

import com.pokegen.engine.data.Cancellation;
import com.pokegen.engine.data.pack.NpmCli;
import com.pokegen.engine.data.pack.PackResult;
import com.pokegen.engine.data.pack.PokemonPack;
import com.pokegen.engine.data.pack.PokemonPackBuilder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pokegen data pokemon-pack}: fetch (once) and build the offline Pokémon imagefolder. */
@Command(name = "pokemon-pack", mixinStandardHelpOptions = true,
        description = "Build the offline Pokémon data pack (npm once, then offline).")
final class DataPackCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Pack folder (default: CACHE/pokemon-pack).")
    Path out;

    @Option(names = "--cache", description = "Cache folder (default: $POKEGEN_CACHE or ~/.cache/pokegen).")
    Path cache;

    @Option(names = "--size", defaultValue = "" + PokemonPackBuilder.DEFAULT_SIZE, description = "Picture side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--force", description = "Rebuild even when the pack is up to date.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Path cacheRoot = cache != null ? cache : PokemonPack.defaultCacheRoot();
        Path target = out != null ? out : PokemonPack.defaultPackDir(cacheRoot);
        PackResult r = PokemonPack.ensure(cacheRoot, target, size, new NpmCli(), force, DataCommand.consoleProgress(),
                Cancellation.NEVER);
        System.out.println((r.built() ? "built " : "up to date: ") + r.images() + " pictures in " + r.dir()
                + " (" + r.downloads() + " downloads)");
        r.skipped().forEach(s -> System.out.println("  skipped " + s));
        System.out.println("Images © The Pokémon Company: keep them local, never commit them.");
        return 0;
    }
}
