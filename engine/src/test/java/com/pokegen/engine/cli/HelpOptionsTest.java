package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command, at every level, answers {@code --help} with its usage (and does nothing else). */
class HelpOptionsTest {

    /** Command paths below {@code cmd}, e.g. ["data", "pokemon-pack"]. */
    private static void collect(CommandLine cmd, List<String> prefix, List<List<String>> out) {
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandName().equals(name)) {
                return; // an alias
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            out.add(path);
            collect(sub, path, out);
        });
    }

    @Test
    void everyCommandHasHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(PokegenCli.commandLine(), List.of(), paths);
        assertTrue(paths.contains(List.of("data", "pokemon-pack")), paths.toString());
        for (List<String> path : paths) {
            CommandLine cli = PokegenCli.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            assertEquals(0, cli.execute(args.toArray(String[]::new)), path + ": " + err);
            assertTrue(out.toString().contains("Usage: pokegen " + String.join(" ", path)), path + ": " + out);
            assertFalse(err.toString().contains("Unknown option"), path + ": " + err);
        }
    }
}
