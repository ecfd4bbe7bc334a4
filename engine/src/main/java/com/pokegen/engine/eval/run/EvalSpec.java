package com.pokegen.engine.eval.run;

import com.pokegen.engine.eval.ResizeMethod;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What {@link Evaluation#run} evaluates and how. Built with {@link #builder()}: {@code setX}
 * required, {@code optX} optional (defaults in each method's Javadoc); {@code build()} checks
 * ranges, {@link Evaluation#run} checks files.
 */
public final class EvalSpec {

    final Path student;
    final Path teacher;
    final Path dataset;
    final Path out;
    final Path inDomain;
    final Path inception;
    final ResizeMethod fidResize;
    final Path clip;
    final Path clipTokenizer;
    final Path promptsFile;
    final int promptCount;
    final int perPrompt;
    final int[] studentSteps;
    final int teacherSteps;
    final boolean teacherAtStudentSteps;
    final boolean allowFewSamples;
    final long seed;
    final boolean kid;
    final boolean speed;
    final int speedWarmup;
    final int speedRepetitions;
    final int speedBatch;
    final int batchSize;
    final int sheetPrompts;
    final boolean overwrite;

    private EvalSpec(Builder b) {
        student = b.student;
        teacher = b.teacher;
        dataset = b.dataset;
        out = b.out;
        inDomain = b.inDomain;
        inception = b.inception;
        fidResize = b.fidResize;
        clip = b.clip;
        clipTokenizer = b.clipTokenizer;
        promptsFile = b.promptsFile;
        promptCount = b.promptCount;
        perPrompt = b.perPrompt;
        studentSteps = Arrays.stream(b.studentSteps).distinct().sorted().toArray();
        teacherSteps = b.teacherSteps;
        teacherAtStudentSteps = b.teacherAtStudentSteps;
        allowFewSamples = b.allowFewSamples;
        seed = b.seed;
        kid = b.kid;
        speed = b.speed;
        speedWarmup = b.speedWarmup;
        speedRepetitions = b.speedRepetitions;
        speedBatch = b.speedBatch;
        batchSize = b.batchSize;
        sheetPrompts = b.sheetPrompts;
        overwrite = b.overwrite;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path out() {
        return out;
    }

    /** Builder of {@link EvalSpec}. */
    public static final class Builder {
        private Path student;
        private Path teacher;
        private Path dataset;
        private Path out;
        private Path inDomain;
        private Path inception;
        private ResizeMethod fidResize = ResizeMethod.PIL_BICUBIC;
        private Path clip;
        private Path clipTokenizer;
        private Path promptsFile;
        private int promptCount = 96;
        private int perPrompt = 4;
        private int[] studentSteps = {1, 2, 4};
        private int teacherSteps = 50;
        private boolean teacherAtStudentSteps = true;
        private boolean allowFewSamples;
        private long seed;
        private boolean kid;
        private boolean speed = true;
        private int speedWarmup = 1;
        private int speedRepetitions = 5;
        private int speedBatch = 8;
        private int batchSize = 8;
        private int sheetPrompts = 12;
        private boolean overwrite;

        private Builder() {}

        /** The student's diffusers folder, or a run folder holding {@code final/}. */
        public Builder setStudent(Path dir) {
            student = dir;
            return this;
        }

        /** The dataset whose images are the reference and whose captions are the default prompts. */
        public Builder setDataset(Path dir) {
            dataset = dir;
            return this;
        }

        /** Folder for report.json, report.html and samples/ (written as a whole at the end). */
        public Builder setOut(Path dir) {
            out = dir;
            return this;
        }

        /** The teacher's folder (or run folder); default none: only the student is evaluated. */
        public Builder optTeacher(Path dir) {
            teacher = dir;
            return this;
        }

        /** A folder (or file) made by {@code train-indomain}; default none: no in-domain FD / CLIP score. */
        public Builder optInDomain(Path dirOrFile) {
            inDomain = dirOrFile;
            return this;
        }

        /** {@code inception-2015-12-05.pt} for FID (and KID); default none. */
        public Builder optInception(Path file) {
            inception = file;
            return this;
        }

        /** How images are resized to Inception's 299 px; default {@link ResizeMethod#PIL_BICUBIC} (clean-fid). */
        public Builder optFidResize(ResizeMethod resize) {
            fidResize = resize;
            return this;
        }

        /** An OpenAI CLIP TorchScript archive for the CLIP score, with its tokenizer folder (vocab.json + merges.txt). */
        public Builder optClip(Path file, Path tokenizerDir) {
            clip = file;
            clipTokenizer = tokenizerDir;
            return this;
        }

        /** One prompt per line (UTF-8, blank lines skipped); default: a seeded slice of the dataset's captions. */
        public Builder optPromptsFile(Path file) {
            promptsFile = file;
            return this;
        }

        /** How many captions the default prompt slice takes (default 96; all when the dataset has fewer). */
        public Builder optPromptCount(int n) {
            promptCount = n;
            return this;
        }

        /** K images per prompt, seeds differing (default 4). */
        public Builder optPerPrompt(int k) {
            perPrompt = k;
            return this;
        }

        /** Student step counts (default 1, 2, 4). */
        public Builder optStudentSteps(int... steps) {
            studentSteps = steps.clone();
            return this;
        }

        /** N of the teacher's reference configuration, with its recommended CFG (default 50). */
        public Builder optTeacherSteps(int n) {
            teacherSteps = n;
            return this;
        }

        /** Also sample the teacher at the student's step counts (default true). */
        public Builder optTeacherAtStudentSteps(boolean on) {
            teacherAtStudentSteps = on;
            return this;
        }

        /** Accept fewer samples than feature dimensions for Fréchet distances (default false: refuse). */
        public Builder optAllowFewSamples(boolean allow) {
            allowFewSamples = allow;
            return this;
        }

        /** Root seed of prompt selection and sampling (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Also compute KID for each Fréchet extractor (default false). */
        public Builder optKid(boolean on) {
            kid = on;
            return this;
        }

        /** Run the speed benchmark (default true). */
        public Builder optSpeed(boolean on) {
            speed = on;
            return this;
        }

        /** Warm-up calls, timed calls and the throughput batch of the speed benchmark (default 1, 5, 8). */
        public Builder optSpeedRuns(int warmup, int repetitions, int batch) {
            speedWarmup = warmup;
            speedRepetitions = repetitions;
            speedBatch = batch;
            return this;
        }

        /** Images per UNet batch while sampling (default 8). */
        public Builder optBatchSize(int n) {
            batchSize = n;
            return this;
        }

        /** Prompts shown as contact sheets in the HTML (default 12; every sample is saved as PNG anyway). */
        public Builder optSheetPrompts(int n) {
            sheetPrompts = n;
            return this;
        }

        /** Replace a non-empty output folder (default false). */
        public Builder optOverwrite(boolean on) {
            overwrite = on;
            return this;
        }

        public EvalSpec build() {
            if (student == null || dataset == null || out == null) {
                throw new IllegalArgumentException("eval needs --student, --data and --out");
            }
            require(promptCount >= 1, "--prompt-count must be >= 1, got " + promptCount);
            require(perPrompt >= 1, "--per-prompt must be >= 1, got " + perPrompt);
            require(studentSteps.length > 0 && Arrays.stream(studentSteps).allMatch(s -> s >= 1),
                    "--steps needs step counts >= 1, got " + Arrays.toString(studentSteps));
            require(teacherSteps >= 1, "--teacher-steps must be >= 1, got " + teacherSteps);
            require(speedWarmup >= 0 && speedRepetitions >= 1 && speedBatch >= 1,
                    "speed benchmark needs warm-up >= 0, repetitions >= 1 and batch >= 1");
            require(batchSize >= 1 && sheetPrompts >= 0, "--batch must be >= 1 and --sheet-prompts >= 0");
            require((clip == null) == (clipTokenizer == null),
                    "--clip needs --clip-tokenizer (the folder with CLIP's vocab.json and merges.txt), and vice versa");
            require(fidResize != null, "FID resize method must not be null");
            return new EvalSpec(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
