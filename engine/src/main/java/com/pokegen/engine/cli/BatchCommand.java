package com.pokegen.engine.cli;

import com.pokegen.engine.batch.BatchJob;
import com.pokegen.engine.batch.BatchResult;
import com.pokegen.engine.batch.BatchSpec;
import com.pokegen.engine.batch.Manifest;
import com.pokegen.engine.batch.ModelHash;
import com.pokegen.engine.batch.PromptTemplates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pokegen batch}: every prompt (templates expanded) × seed into a resumable batch folder
 * with a manifest, curation flags and an offline gallery. Rerunning the same command continues
 * where a killed run stopped.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Mass generation: every prompt x seed, resumable, with manifest.jsonl and an HTML gallery.",
            "Prompts file: one prompt per line; '{name} = a | b | c' lines define placeholders that",
            "prompt lines such as 'a {colour} {type} type pokemon, {size}' expand to (cross product)."})
final class BatchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "diffusers pipeline folder")
    private Path model;

    @Option(names = "--prompts", required = true, paramLabel = "FILE", description = "prompts or template file (UTF-8)")
    private Path prompts;

    @Option(names = "--seeds", defaultValue = "100", paramLabel = "N", description = "images per prompt, seeds"
            + " first..first+N-1 (default: ${DEFAULT-VALUE})")
    private int seeds;

    @Option(names = "--first-seed", defaultValue = "0", description = "the first seed (default: ${DEFAULT-VALUE})")
    private long firstSeed;

    @Option(names = "--steps", description = "denoising steps, 1..4 for a student (default: the model's)")
    private Integer steps;

    @Option(names = "--batch-size", defaultValue = "8", description = "images in flight at once (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--threads", description = "parallel lanes (default: the CPU's cores)")
    private Integer threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "batch folder (reuse it to resume)")
    private Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        BatchSpec batch;
        String modelHash;
        try {
            if (!Files.isDirectory(model)) {
                throw new IOException("model folder " + model + " does not exist");
            }
            List<String> expanded = PromptTemplates.read(prompts);
            batch = new BatchSpec(expanded, seeds, firstSeed, steps, batchSize,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(), out);
            modelHash = ModelHash.of(model);
            Manifest.checkModel(out, modelHash); // before the model loads: fail fast
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return GenerateCommand.INVALID_INPUT;
        }
        try (BatchJob job = BatchJob.open(model, modelHash)) {
            BatchResult r = job.run(batch, new BatchProgressBar(err), () -> false);
            spec.commandLine().getOut().printf("%d images (%d rendered, %d already there) in %s, %.2f images/s;"
                    + " %d near-duplicates, %d off-brief; gallery: %s%n", r.images(), r.rendered(), r.skipped(), out,
                    r.imagesPerSecond(), r.curation().duplicates().size(), r.curation().offBrief().size(), r.gallery());
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return GenerateCommand.INVALID_INPUT;
        }
    }
}
