package com.pokegen.engine.cli;

import ai.djl.engine.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Prints the engine, device and versions in use (what a bug report needs). */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the deep-learning engine, device and versions.")
final class InfoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Engine engine = Engine.getInstance();
        System.out.println("engine:  " + engine.getEngineName() + " " + engine.getVersion());
        System.out.println("device:  " + engine.defaultDevice());
        System.out.println("gpus:    " + engine.getGpuCount());
        System.out.println("java:    " + System.getProperty("java.version"));
        System.out.println("os:      " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        System.out.println("threads: " + Runtime.getRuntime().availableProcessors());
        return 0;
    }
}
