package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.eval.AbPairs;
import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.RecommendedSettings;
import com.pokegen.engine.pipeline.TinyPipelines;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ab-pairs} on two tiny random models: the same prompts and seeds on both sides, sides shuffled, repeatable. */
class AbPairsCommandTest {

    @TempDir
    static Path shared;
    private static Path modelA;
    private static Path modelB;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeModels() throws Exception {
        PokegenMetadata student = new PokegenMetadata("tiny-student", "student", null, RecommendedSettings.ADD_STUDENT, null);
        modelA = TinyPipelines.writeRandomClip(shared.resolve("old-student"), 3, student);
        modelB = TinyPipelines.writeRandomClip(shared.resolve("new-student"), 4, student);
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PokegenCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void bothModelsDrawEveryPromptAndSeedAndThePairsReadBack() throws Exception {
        Path prompts = Files.writeString(tmp.resolve("prompts.txt"), "# a prompt set\na red fire pokemon\na blue water pokemon\n");
        Path eval = tmp.resolve("eval");
        Run r = run("ab-pairs", "--a", modelA.toString(), "--b", modelB.toString(), "--prompts", prompts.toString(),
                "--n", "2", "--seed", "7", "--out", eval.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote 4 pairs"), r.out());

        List<AbPairs.Pair> pairs = AbPairs.read(eval);
        assertEquals(4, pairs.size());
        assertEquals(List.of("a red fire pokemon", "a red fire pokemon", "a blue water pokemon", "a blue water pokemon"),
                pairs.stream().map(AbPairs.Pair::prompt).toList());
        for (AbPairs.Pair pair : pairs) {
            assertEquals(Set.of("old-student", "new-student"), Set.of(pair.leftModel(), pair.rightModel()));
            assertEquals(pair.left().getFileName(), pair.right().getFileName(), "same prompt and seed on both sides");
            assertTrue(pair.left().startsWith(eval.resolve("ab").resolve(pair.leftModel())), pair.left().toString());
            BufferedImage left = ImageIO.read(pair.left().toFile());
            BufferedImage right = ImageIO.read(pair.right().toFile());
            assertEquals(left.getWidth(), right.getWidth());
        }
        assertEquals(List.of("0000-seed-7.png", "0001-seed-8.png", "0002-seed-9.png", "0003-seed-10.png"),
                pairs.stream().map(p -> p.left().getFileName().toString()).toList());
        Set<String> lefts = pairs.stream().map(AbPairs.Pair::leftModel).collect(Collectors.toSet());
        assertEquals(2, lefts.size(), "sides are shuffled (seed 7 puts each model on the left at least once)");

        String first = Files.readString(eval.resolve("ab/pairs.jsonl"));
        assertEquals(0, run("ab-pairs", "--a", modelA.toString(), "--b", modelB.toString(), "--prompts", prompts.toString(),
                "--n", "2", "--seed", "7", "--out", eval.toString()).exit());
        assertEquals(first, Files.readString(eval.resolve("ab/pairs.jsonl")), "the same seed makes the same pairs");
    }

    @Test
    void sameLabelsOrNoPromptsAreRefusedBeforeDrawing() {
        Run same = run("ab-pairs", "--a", modelA.toString(), "--b", modelB.toString(), "--label-a", "x", "--label-b", "x",
                "--prompt", "a pokemon", "--out", tmp.resolve("e1").toString());
        assertEquals(GenerateCommand.INVALID_INPUT, same.exit());
        assertTrue(same.err().contains("labels must differ"), same.err());
        Run none = run("ab-pairs", "--a", modelA.toString(), "--b", modelB.toString(), "--out", tmp.resolve("e2").toString());
        assertEquals(GenerateCommand.INVALID_INPUT, none.exit());
        assertTrue(none.err().contains("at least one prompt"), none.err());
        assertTrue(!Files.exists(tmp.resolve("e1")) && !Files.exists(tmp.resolve("e2")), "nothing written");
    }
}
