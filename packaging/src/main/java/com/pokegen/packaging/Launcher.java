package com.pokegen.packaging;

import com.pokegen.engine.cli.PokegenCli;
import java.util.Map;

/**
 * Main class of the jpackage image ({@code bin/pokegen}). One launcher serves both faces of the
 * product: with arguments it is the engine's command line; without arguments it opens the studio
 * when there is a display, and prints the command list when there is none (a server, a CI job).
 */
public final class Launcher {

    /** What a start of the launcher does. */
    enum Mode { CLI, STUDIO, HELP_WITHOUT_DISPLAY }

    private Launcher() {
    }

    public static void main(String[] args) {
        switch (mode(args, System.getenv())) {
            case CLI -> PokegenCli.main(args);
            // the studio's classes (and JavaFX) load only here, so headless CLI runs never touch them
            case STUDIO -> com.pokegen.app.Main.main(args);
            case HELP_WITHOUT_DISPLAY -> {
                System.err.println("pokegen: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the studio"
                        + " cannot open; use one of the commands below.");
                PokegenCli.main(args);
            }
        }
    }

    static Mode mode(String[] args, Map<String, String> env) {
        if (args.length > 0) {
            return Mode.CLI;
        }
        return hasDisplay(env) ? Mode.STUDIO : Mode.HELP_WITHOUT_DISPLAY;
    }

    /** An X11 or Wayland session; the image is Linux-only, so no other platform is asked about. */
    static boolean hasDisplay(Map<String, String> env) {
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }
}
