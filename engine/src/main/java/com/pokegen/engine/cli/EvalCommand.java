package com.pokegen.engine.cli;

import com.pokegen.engine.eval.EvalReport;
import com.pokegen.engine.eval.ResizeMethod;
import com.pokegen.engine.eval.run.EvalProgress;
import com.pokegen.engine.eval.run.EvalSpec;
import com.pokegen.engine.eval.run.Evaluation;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eval}: quality, collapse signals and speed of a student (and its teacher), as report.json + report.html. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a student (and its teacher): in-domain FD and CLIP score, FID / CLIP score with"
                + " user-given TorchScript files, collapse signals, speed; writes OUT/report.json and OUT/report.html.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--student", required = true, description = "Student model folder (or its run folder).")
    Path student;

    @Option(names = "--teacher", description = "Teacher model folder (or its run folder).")
    Path teacher;

    @Option(names = "--data", required = true, description = "Dataset: reference images and default prompts.")
    Path dataset;

    @Option(names = "--out", required = true, description = "Output folder (report.json, report.html, samples/).")
    Path out;

    @Option(names = "--indomain", description = "Encoder folder made by `train-indomain` (in-domain FD / CLIP score).")
    Path inDomain;

    @Option(names = "--inception", description = "inception-2015-12-05.pt (TorchScript) for FID.")
    Path inception;

    @Option(names = "--fid-resize", description = "Resize to Inception's 299 px: pil-bicubic (clean-fid, default),"
            + " pil-bilinear or torch-bilinear.")
    String fidResize = ResizeMethod.PIL_BICUBIC.id();

    @Option(names = "--clip", description = "OpenAI CLIP TorchScript archive (e.g. ViT-L-14.pt) for the CLIP score.")
    Path clip;

    @Option(names = "--clip-tokenizer", description = "Folder with CLIP's vocab.json and merges.txt (with --clip).")
    Path clipTokenizer;

    @Option(names = "--prompts", description = "Prompts file, one per line (default: a seeded slice of the dataset's captions).")
    Path prompts;

    @Option(names = "--prompt-count", description = "Captions in the default prompt slice (default ${DEFAULT-VALUE}).")
    int promptCount = 96;

    @Option(names = "--per-prompt", description = "Images per prompt, K (default ${DEFAULT-VALUE}).")
    int perPrompt = 4;

    @Option(names = "--steps", split = ",", description = "Student step counts (default 1,2,4).")
    int[] steps = {1, 2, 4};

    @Option(names = "--teacher-steps", description = "Teacher steps, with its recommended CFG (default ${DEFAULT-VALUE}).")
    int teacherSteps = 50;

    @Option(names = "--no-teacher-low-steps", description = "Do not also sample the teacher at the student's step counts.")
    boolean noTeacherLowSteps;

    @Option(names = "--allow-few-samples", description = "Allow fewer samples than feature dimensions (biased FD).")
    boolean allowFewSamples;

    @Option(names = "--seed", description = "Seed of prompt choice and sampling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--kid", description = "Also compute KID for each Fréchet extractor.")
    boolean kid;

    @Option(names = "--no-speed", description = "Skip the speed benchmark.")
    boolean noSpeed;

    @Option(names = "--speed-warmup", description = "Discarded calls per speed case (default ${DEFAULT-VALUE}).")
    int speedWarmup = 1;

    @Option(names = "--speed-reps", description = "Timed calls per speed case (default ${DEFAULT-VALUE}).")
    int speedReps = 5;

    @Option(names = "--speed-batch", description = "Images per call for throughput (default ${DEFAULT-VALUE}; 1 = latency only).")
    int speedBatch = 8;

    @Option(names = "--batch", description = "Images per UNet batch while sampling (default ${DEFAULT-VALUE}).")
    int batch = 8;

    @Option(names = "--sheet-prompts", description = "Prompts shown as contact sheets in the HTML (default ${DEFAULT-VALUE}).")
    int sheetPrompts = 12;

    @Option(names = "--overwrite", description = "Replace a non-empty --out folder.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        EvalSpec spec = EvalSpec.builder().setStudent(student).setDataset(dataset).setOut(out).optTeacher(teacher)
                .optInDomain(inDomain).optInception(inception).optFidResize(ResizeMethod.parse(fidResize))
                .optClip(clip, clipTokenizer).optPromptsFile(prompts).optPromptCount(promptCount).optPerPrompt(perPrompt)
                .optStudentSteps(steps).optTeacherSteps(teacherSteps).optTeacherAtStudentSteps(!noTeacherLowSteps)
                .optAllowFewSamples(allowFewSamples).optSeed(seed).optKid(kid).optSpeed(!noSpeed)
                .optSpeedRuns(speedWarmup, speedReps, speedBatch).optBatchSize(batch).optSheetPrompts(sheetPrompts)
                .optOverwrite(overwrite).build();
        EvalReport report = Evaluation.run(spec, printer(), () -> false);
        for (EvalReport.Metric m : report.metrics()) {
            System.out.printf(Locale.ROOT, "%-8s %3d steps  %-22s %10.4g  (N=%d, %s, %s)%n", m.variant(), m.steps(),
                    m.name(), m.value(), m.samples(), m.extractor(), m.resize());
        }
        if (report.speed() != null) {
            report.speed().ratios().forEach(r -> System.out.printf(Locale.ROOT, "%s: %.1fx faster per image than %s%n",
                    r.candidate(), r.speedup(), r.baseline()));
        }
        report.notes().forEach(n -> System.err.println("note: " + n));
        System.out.println("report: " + out.resolve(Evaluation.REPORT_HTML));
        return 0;
    }

    /** One stderr line per stage start and end. */
    private static EvalProgress printer() {
        String[] last = {""};
        return (stage, done, total) -> {
            if (!stage.equals(last[0]) || done == total) {
                System.err.printf("%s %d/%d%n", stage, done, total);
                last[0] = done == total ? "" : stage;
            }
        };
    }
}
