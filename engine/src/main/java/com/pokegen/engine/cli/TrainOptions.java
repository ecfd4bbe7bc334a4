package com.pokegen.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.train.RunSpec;
import com.pokegen.engine.train.StageConfig;
import com.pokegen.engine.train.TrainLoop;
import com.pokegen.engine.train.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Option;

/** Options every training command shares: data, run folder, preset, overrides, resume, dry run. */
final class TrainOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--data", description = "Dataset folder (made by `data import`); required except for"
            + " train-lora with --instance-images.")
    Path dataset;

    /** Set by commands that take their images elsewhere (train-lora --instance-images). */
    boolean datasetOptional;

    @Option(names = "--run", required = true, description = "Run folder to create (or continue with --resume).")
    Path run;

    @Option(names = "--preset", description = "JSON preset file; keys override the built-in defaults.")
    Path preset;

    @Option(names = "--set", description = "Override one config key, e.g. --set steps=500 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", description = "Continue the run from its newest valid checkpoint.")
    boolean resume;

    @Option(names = "--allow-spec-change", description = "With --resume: let --set/--preset change the run's"
            + " settings (recorded in spec.json's history); without it a differing value is refused.")
    boolean allowSpecChange;

    @Option(names = "--dry-run", description = "Print the resolved config and exit.")
    boolean dryRun;

    /** Preset keys overlaid with --set values (JSON literals, else strings). */
    ObjectNode overrides() throws IOException {
        ObjectNode o = preset == null ? JSON.createObjectNode() : readPreset(preset);
        for (String kv : overrides) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--set needs key=value, got '" + kv + "'");
            }
            String value = kv.substring(eq + 1);
            JsonNode parsed;
            try {
                parsed = JSON.readTree(value);
            } catch (IOException e) {
                parsed = null;
            }
            if (parsed == null || parsed.isMissingNode()) {
                o.put(kv.substring(0, eq), value);
            } else {
                o.set(kv.substring(0, eq), parsed);
            }
        }
        return o;
    }

    /**
     * The stage config: defaults overlaid with --preset and --set; on --resume the run's spec.json
     * instead, which --set/--preset may change only with --allow-spec-change.
     */
    <T extends StageConfig> T config(RunSpec.Parser<T> parser) throws IOException {
        return resume ? RunSpec.resumeConfig(run, overrides(), allowSpecChange, parser) : parser.parse(overrides());
    }

    /** A preset file's keys; errors name the file. */
    static ObjectNode readPreset(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("--preset " + file + (Files.isDirectory(file) ? " is a folder" : " does not exist")
                    + "; give a JSON preset file");
        }
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IOException("--preset " + file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!(node instanceof ObjectNode)) {
            throw new IOException("--preset " + file + " must hold one JSON object of config keys");
        }
        return (ObjectNode) node;
    }

    /** One training stage, given where its events go and when to stop. */
    @FunctionalInterface
    interface Job {
        TrainLoop.Result run(TrainingListener listener, BooleanSupplier stop) throws IOException;
    }

    /**
     * What every training command does once its config is resolved: with --dry-run print the
     * config, else run {@code job} printing its events on stderr, stopping cleanly on Ctrl-C,
     * and say where the result went.
     */
    int execute(StageConfig config, Job job) throws IOException {
        if (dryRun) {
            System.out.println(config.toJson().toPrettyString());
            return 0;
        }
        if (dataset == null && !datasetOptional) {
            throw new IllegalArgumentException("Missing required option: '--data=<dataset>'");
        }
        Stopper stopper = new Stopper();
        TrainLoop.Result r;
        try {
            r = job.run(printer(System.err), stopper::requested);
        } finally {
            stopper.finished();
        }
        System.out.println(r.finished() ? "done: " + r.finalDir() : "stopped at step " + r.stepsDone());
        return 0;
    }

    /** One terse line per logged event on stderr. */
    static TrainingListener printer(PrintStream err) {
        return e -> {
            String kind = e.path("kind").asText();
            switch (kind) {
                case "train":
                    StringBuilder sb = new StringBuilder(String.format("step %6d", e.path("step").asLong()));
                    e.path("losses").fields().forEachRemaining(f -> sb.append(String.format("  %s %.4f", f.getKey(), f.getValue().asDouble())));
                    sb.append(String.format("  %.1f samples/s", e.path("samples_per_s").asDouble()));
                    err.println(sb);
                    break;
                case "progress":
                    err.printf("%s %d/%d%n", e.path("message").asText(), e.path("done").asInt(), e.path("total").asInt());
                    break;
                default:
                    err.println(kind + " @" + e.path("step").asLong() + " " + e.path("message").asText(e.path("path").asText("")));
            }
        };
    }

    /**
     * On Ctrl-C, asks the run to stop and holds the JVM's shutdown until the loop has written
     * its checkpoint (at most two minutes), so an interrupted run resumes exactly.
     */
    static final class Stopper {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

        Stopper() {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.set(true);
                try {
                    finished.await(2, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }

        boolean requested() {
            return stop.get();
        }

        void finished() {
            finished.countDown();
        }
    }
}
