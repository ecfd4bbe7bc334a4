package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI from tests in other packages. */
public final class PokegenCliAccess {

    private PokegenCliAccess() {}

    /** Runs the command, which must fail with exit code 1 and one line on stderr; returns that line. */
    public static String fails(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = PokegenCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute(args), String.join(" ", args));
        String out = err.toString().strip();
        assertEquals(1, out.lines().count(), "one line: " + out);
        return out;
    }

    /** Runs the command and returns its exit code. */
    public static int run(String... args) {
        return PokegenCli.commandLine().execute(args);
    }
}
