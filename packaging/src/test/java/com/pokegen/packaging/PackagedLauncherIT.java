package com.pokegen.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.TinyPipelines;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the jpackage image that {@code -Ppackage-app package} built (it builds nothing itself):
 * {@code bin/pokegen} runs like a fresh install on a machine without a display or a network. Every
 * run gets an empty home ({@code HOME} and {@code user.home}), so DJL's cache is empty and the
 * PyTorch natives must come out of the image's own jar; where {@code unshare -n} is allowed the
 * runs also have no network interface but loopback.
 */
@Tag("slow")
class PackagedLauncherIT {

    private static final long TIMEOUT_SECONDS = 600;
    private static final String STUDENT = "models/pokemon-tiny-student";

    private static Path image;
    private static boolean canIsolateNetwork;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findImage() throws Exception {
        String configured = System.getProperty("pokegen.image");
        assumeTrue(configured != null, "pokegen.image is unset: run through ./mvnw -Ppackage-app verify");
        image = Path.of(configured).toAbsolutePath();
        assertTrue(Files.isExecutable(image.resolve("bin/pokegen")),
                "no launcher at " + image.resolve("bin/pokegen") + "; build the image with ./mvnw -B -Ppackage-app package");
        canIsolateNetwork = commandWorks("unshare", "-n", "true");
        System.out.println("image check: network " + (canIsolateNetwork ? "isolated with unshare -n" : "NOT isolated (unshare -n refused)"));
    }

    @Test
    void generatesAPngHeadlessOfflineFromAnEmptyHome() throws Exception {
        Path model = TinyPipelines.writeRandomMiniLm(tmp.resolve("tiny-model"), 7, PokegenMetadata.NONE);
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path out = tmp.resolve("out");

        long start = System.nanoTime();
        Run run = launch(home, "generate", "--model", model.toString(), "--prompt", "a red pokemon",
                "--out", out.toString(), "--steps", "1", "--seed", "3");
        System.out.printf("image check: generate took %.1f s%n", (System.nanoTime() - start) / 1e9);

        assertEquals(0, run.exit, run::describe);
        List<Path> pngs = pngsIn(out);
        assertFalse(pngs.isEmpty(), () -> "no PNG in " + out + "; " + run.describe());
        BufferedImage first = ImageIO.read(pngs.get(0).toFile());
        assertNotNull(first, "not a decodable PNG: " + pngs.get(0));
        assertEquals(TinyPipelines.IMAGE_SIZE, first.getWidth(), "width of " + pngs.get(0));
        // a random VAE decodes noise: a blank or single-colour image means the pipeline did not run
        assertTrue(distinctColours(first) > 16, "almost blank image " + pngs.get(0));
        // the natives were unpacked from the image's pytorch-native jar into the empty home
        assertTrue(containsFileNamed(home.resolve(".djl.ai"), "libtorch.so"),
                "libtorch.so was not extracted under " + home.resolve(".djl.ai") + "; " + run.describe());
    }

    @Test
    void withoutArgumentsOrDisplayItListsTheCommands() throws Exception {
        Run run = launch(Files.createDirectories(tmp.resolve("home")));
        assertEquals(0, run.exit, run::describe);
        assertTrue(run.stdout.contains("Usage: pokegen") && run.stdout.contains("generate"), run::describe);
        assertTrue(run.stderr.contains("no display"), run::describe);
    }

    /** pokegen.home is the image's lib/app, where the build put models/ and assets/. */
    @Test
    void demoLooksForTheShippedModelsInsideTheImage() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path out = tmp.resolve("demo");
        Path student = image.resolve("lib/app").resolve(STUDENT);
        assertTrue(Files.isRegularFile(image.resolve("lib/app/assets/demo-prompts.txt")), "assets missing from the image");
        Run run = launch(home, "demo", "--out", out.toString());
        if (Files.isDirectory(student)) {
            assertEquals(0, run.exit, run::describe);
            assertFalse(pngsIn(out).isEmpty(), () -> "demo wrote no PNG; " + run.describe());
        } else {
            assertEquals(2, run.exit, run::describe);
            assertTrue(run.stderr.contains(student.toString()), () -> "expected the missing " + student + "; " + run.describe());
        }
    }

    /**
     * The studio path under Xvfb: the window titled "PokéGen Studio" appears (seen with xwininfo
     * when installed; otherwise the launcher must at least start JavaFX and stay up).
     */
    @Test
    void withADisplayAndNoArgumentsItOpensTheStudio() throws Exception {
        assumeTrue(commandWorks("sh", "-c", "command -v xvfb-run"), "xvfb-run is not installed");
        boolean canSeeWindows = commandWorks("sh", "-c", "command -v xwininfo");
        // exit 0: window shown; 3: the launcher died; 4: no window within 90 s
        String watch = canSeeWindows
                ? "\"$0\" & pid=$!; for i in $(seq 90); do"
                        + " if xwininfo -root -tree | grep 'Gen Studio\"'; then kill $pid; wait $pid; exit 0; fi;"
                        + " kill -0 $pid || exit 3; sleep 1; done; kill $pid; exit 4"
                : "\"$0\" & pid=$!; sleep 30; kill -0 $pid || exit 3; kill $pid; wait $pid; exit 0";
        ProcessBuilder pb = new ProcessBuilder("xvfb-run", "-a", "sh", "-c", watch,
                image.resolve("bin/pokegen").toString());
        environment(pb, Files.createDirectories(tmp.resolve("home")), "-Dprism.order=sw -Dprism.verbose=true");
        Run run = run(pb);
        assertEquals(0, run.exit, run::describe);
        assertTrue(run.stdout.contains("Initialized prism pipeline"), () -> "JavaFX did not start; " + run.describe());
        assertFalse(run.stderr.contains("Exception"), () -> "the studio threw; " + run.describe());
        if (canSeeWindows) {
            assertTrue(run.stdout.contains("1280x800"), () -> "no 1280x800 studio window; " + run.describe());
        }
    }

    /** {@code bin/pokegen args} without a display, with an empty home, offline where possible. */
    private Run launch(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (canIsolateNetwork) {
            command.addAll(List.of("unshare", "-n"));
        }
        command.add(image.resolve("bin/pokegen").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        environment(pb, home, "");
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        return run(pb);
    }

    private Run run(ProcessBuilder pb) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(tmp, "stdout", ".txt");
        Path stderr = Files.createTempFile(tmp, "stderr", ".txt");
        Process p = pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(pb.command() + " did not finish in " + TIMEOUT_SECONDS + " s; stderr:\n"
                    + Files.readString(stderr));
        }
        return new Run(pb.command(), p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    /** A fresh user: an empty home for the shell and for Java (user.home ignores $HOME on Linux). */
    private static void environment(ProcessBuilder pb, Path home, String extraJavaOptions) {
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.put("JAVA_TOOL_OPTIONS", ("-Duser.home=" + home + " " + extraJavaOptions).strip());
        // nothing may point DJL at natives outside the image
        List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR")
                .forEach(env::remove);
    }

    private static boolean commandWorks(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> pngsIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().toList();
        }
    }

    private static boolean containsFileNamed(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().equals(name));
        }
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private record Run(List<String> command, int exit, String stdout, String stderr) {
        String describe() {
            return String.join(" ", command) + " exited " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
