package com.pokegen.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./pokegen}: every command of the engine, one subcommand each. */
@Command(
        name = "pokegen",
        mixinStandardHelpOptions = true,
        version = "PokéGen Studio 0.1.0",
        description = "PokéGen Studio: curate data, train a diffusion teacher, distill it with ADD, generate.",
        subcommands = {
            CommandLine.HelpCommand.class,
            InfoCommand.class,
            DataCommand.class,
            GenerateCommand.class,
            BatchCommand.class,
            MergeLoraCommand.class,
            DemoCommand.class,
            ShipCommand.class,
            TrainVaeCommand.class,
            TrainTeacherCommand.class,
            DistillCommand.class,
            TrainLoraCommand.class,
            ExportCommand.class,
            TrainInDomainCommand.class,
            EvalCommand.class,
            AbPairsCommand.class,
        })
public final class PokegenCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new PokegenCli()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(PokegenCli::reportError);
    }

    /**
     * User-facing failures (bad files, bad settings) print one readable line naming the file and
     * the fix; set POKEGEN_DEBUG=1 for the stack trace.
     */
    private static int reportError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        if (System.getenv("POKEGEN_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
        }
        return 1;
    }
}
