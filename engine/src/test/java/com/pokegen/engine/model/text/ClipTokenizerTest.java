package com.pokegen.engine.model.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClipTokenizerTest {

    static final Path TOKENIZER = Fixtures.path("pipeline_tiny/pipeline/tokenizer");

    static List<String> prompts() throws IOException {
        JsonNode runs = new ObjectMapper().readTree(Fixtures.path("pipeline_tiny/runs.json").toFile());
        List<String> out = new ArrayList<>();
        runs.get("prompts").forEach(p -> out.add(p.asText()));
        return out;
    }

    static long[][] expectedIds() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ids = Safetensors.read(Fixtures.path("pipeline_tiny/runs.safetensors"), m).get("input_ids");
            long[] flat = ids.toLongArray();
            int len = (int) ids.getShape().get(1);
            long[][] rows = new long[(int) ids.getShape().get(0)][len];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(flat, i * len, rows[i], 0, len);
            }
            return rows;
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClipTokenizers.Backend.class, names = {"HUGGINGFACE", "PURE_JAVA"})
    void reproducesTransformersIds(ClipTokenizers.Backend backend) throws IOException {
        try (PromptTokenizer tok = ClipTokenizers.open(TOKENIZER, backend, 0)) {
            TokenizedBatch batch = tok.tokenize(prompts());
            long[][] expected = expectedIds();
            assertEquals(77, tok.maxLength());
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], batch.ids()[i], "prompt " + i + " via " + backend);
            }
            assertFalse(batch.truncated());
            // mask covers BOS + tokens + EOS, padding (EOS repeated) is masked out
            long real = java.util.Arrays.stream(batch.attentionMask()[0]).sum();
            assertEquals(7 + 2, real);
        }
    }

    @Test
    void pureJavaSplitsWordsLikeTransformers() throws IOException {
        JsonNode runs = new ObjectMapper().readTree(Fixtures.path("pipeline_tiny/runs.json").toFile());
        List<String> expected = new ArrayList<>();
        runs.get("tokens_of_first_prompt").forEach(t -> expected.add(t.asText()));
        try (ClipBpeTokenizer tok = ClipBpeTokenizer.fromFolder(TOKENIZER)) {
            assertEquals(expected, tok.tokens(prompts().get(0)));
            // case, surrounding and repeated whitespace do not matter
            assertEquals(expected, tok.tokens("  A RED\tfire   type\nPokemon with wings "));
            // "é" is two UTF-8 bytes, shown as "Ã©" in the byte alphabet
            assertTrue(tok.tokens("pokémon").contains("pokÃ©mon</w>"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClipTokenizers.Backend.class, names = {"HUGGINGFACE", "PURE_JAVA"})
    void truncationKeepsEosAndReportsDroppedTokens(ClipTokenizers.Backend backend) throws IOException {
        String longPrompt = String.join(" ", java.util.Collections.nCopies(20, "red fire"));
        try (PromptTokenizer tok = ClipTokenizers.open(TOKENIZER, backend, 16)) {
            TokenizedBatch b = tok.tokenize(List.of(longPrompt, ""));
            assertEquals(16, b.length());
            assertEquals(632, b.ids()[0][0]);
            assertEquals(633, b.ids()[0][15]);
            assertEquals(42 - 16, b.droppedTokens()[0]); // BOS + 40 words + EOS
            assertEquals(0, b.droppedTokens()[1]);
            assertTrue(b.truncated());
            assertArrayEquals(new long[] {632, 633, 633}, java.util.Arrays.copyOf(b.ids()[1], 3));
            assertArrayEquals(new long[] {1, 1, 0}, java.util.Arrays.copyOf(b.attentionMask()[1], 3));
        }
    }

    @Test
    void autoFallsBackToPureJavaWithoutTokenizerJson(@TempDir Path tmp) throws IOException {
        for (String f : List.of("vocab.json", "merges.txt", "tokenizer_config.json")) {
            Files.copy(TOKENIZER.resolve(f), tmp.resolve(f));
        }
        try (PromptTokenizer tok = ClipTokenizers.open(tmp)) {
            assertInstanceOf(ClipBpeTokenizer.class, tok);
            assertArrayEquals(expectedIds()[1], tok.tokenize(List.of(prompts().get(1))).ids()[0]);
        }
    }

    @Test
    void padTokenComesFromTokenizerConfig(@TempDir Path tmp) throws IOException {
        for (String f : List.of("vocab.json", "merges.txt", "tokenizer.json")) {
            Files.copy(TOKENIZER.resolve(f), tmp.resolve(f));
        }
        // SD 2.x pads with "!" (id 0), not with <|endoftext|>
        Files.writeString(tmp.resolve("tokenizer_config.json"),
                "{\"model_max_length\": 10, \"pad_token\": \"!\", \"bos_token\": {\"content\": \"<|startoftext|>\"}}");
        for (ClipTokenizers.Backend backend : List.of(ClipTokenizers.Backend.HUGGINGFACE, ClipTokenizers.Backend.PURE_JAVA)) {
            try (PromptTokenizer tok = ClipTokenizers.open(tmp, backend, 0)) {
                long[] row = tok.tokenize(List.of("red")).ids()[0];
                assertEquals(10, row.length, backend.name());
                assertEquals(0, row[3], backend.name());
                assertEquals(633, row[2], backend.name());
            }
        }
    }
}
