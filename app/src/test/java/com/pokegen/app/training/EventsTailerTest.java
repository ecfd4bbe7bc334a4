package com.pokegen.app.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventsTailerTest {

    @TempDir
    Path dir;

    private void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void parsesTrainEventIgnoringUnknownFields() {
        TrainingEvent event = EventsParser.parse("{\"step\": 120, \"time\": 1764000000.5, \"elapsed_s\": 312.4, "
                + "\"kind\": \"train\", \"losses\": {\"loss\": 0.31, \"adv\": 0.7, \"distill\": 0.02, \"d_loss\": 1.1}, "
                + "\"lr\": 0.0001, \"grad_norm\": 0.8, \"samples_per_s\": 29.1, \"new_field\": [1, 2]}").orElseThrow();
        assertEquals(TrainingEvent.Kind.TRAIN, event.kind());
        assertEquals(120, event.step());
        assertEquals(312.4, event.elapsedSeconds());
        assertEquals(List.of("loss", "adv", "distill", "d_loss"), List.copyOf(event.losses().keySet()));
        assertEquals(0.02, event.losses().get("distill"));
        assertEquals(29.1, event.samplesPerSecond());
        assertNull(event.path());
    }

    @Test
    void parsesOtherKindsAndRejectsGarbage() {
        assertEquals("samples/step-000120.png", EventsParser.parse(
                "{\"step\": 120, \"kind\": \"sample\", \"samples\": \"samples/step-000120.png\"}").orElseThrow().path());
        assertEquals("checkpoints/step-000120", EventsParser.parse(
                "{\"step\": 120, \"kind\": \"checkpoint\", \"path\": \"checkpoints/step-000120\"}").orElseThrow().path());
        assertEquals("NaN loss", EventsParser.parse("{\"kind\": \"error\", \"message\": \"NaN loss\"}").orElseThrow().message());
        assertEquals(TrainingEvent.Kind.DONE, EventsParser.parse("{\"kind\": \"done\"}").orElseThrow().kind());
        assertEquals(TrainingEvent.Kind.OTHER, EventsParser.parse("{\"kind\": \"profile\"}").orElseThrow().kind());
        assertTrue(EventsParser.parse("{\"step\": 1, \"kind\": \"tr").isEmpty());
        assertTrue(EventsParser.parse("[1, 2]").isEmpty());
        assertTrue(EventsParser.parse("  ").isEmpty());
    }

    @Test
    void partialLastLineWaitsUntilComplete() throws IOException {
        Path file = dir.resolve("events.jsonl");
        EventsTailer tailer = new EventsTailer(file);
        assertEquals(0, tailer.poll().events().size(), "missing file reads as empty");

        append(file, "{\"step\": 1, \"kind\": \"train\", \"losses\": {\"loss\": 1.0}}\n{\"step\": 2, \"kind\": \"train\", \"los");
        EventsTailer.Batch first = tailer.poll();
        assertEquals(List.of(1L), first.events().stream().map(TrainingEvent::step).toList());

        assertEquals(0, tailer.poll().events().size(), "still partial: nothing new");

        append(file, "ses\": {\"loss\": 0.5}}\n");
        EventsTailer.Batch second = tailer.poll();
        assertEquals(1, second.events().size());
        assertEquals(2, second.events().get(0).step());
        assertEquals(0.5, second.events().get(0).losses().get("loss"));
        assertEquals(0, second.malformedLines());
    }

    @Test
    void multiByteTextSplitAcrossPollsStaysIntact() throws IOException {
        Path file = dir.resolve("events.jsonl");
        EventsTailer tailer = new EventsTailer(file);
        byte[] line = "{\"kind\": \"warning\", \"message\": \"Pokémon ポケモン\"}\n".getBytes(StandardCharsets.UTF_8);
        int cut = line.length - 12; // inside the Japanese text
        Files.write(file, java.util.Arrays.copyOf(line, cut));
        assertEquals(0, tailer.poll().events().size());
        Files.write(file, java.util.Arrays.copyOfRange(line, cut, line.length), StandardOpenOption.APPEND);
        assertEquals("Pokémon ポケモン", tailer.poll().events().get(0).message());
    }

    @Test
    void truncatedFileRestartsFromTheTop() throws IOException {
        Path file = dir.resolve("events.jsonl");
        EventsTailer tailer = new EventsTailer(file);
        append(file, "{\"step\": 1}\n{\"step\": 2}\n{\"step\": 3}\n");
        assertEquals(3, tailer.poll().events().size());
        Files.writeString(file, "{\"step\": 1}\n");
        EventsTailer.Batch batch = tailer.poll();
        assertTrue(batch.restarted());
        assertEquals(1, batch.events().size());
    }

    @Test
    void malformedCompleteLinesAreCountedAndSkipped() throws IOException {
        Path file = dir.resolve("events.jsonl");
        append(file, "{\"step\": 1}\nnot json\n{\"step\": 2}\n");
        EventsTailer.Batch batch = new EventsTailer(file).poll();
        assertEquals(2, batch.events().size());
        assertEquals(1, batch.malformedLines());
    }
}
