package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.data.SourceFixturesAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code data} subcommands are thin wrappers: import, clean, export through the CLI. */
class DataCommandTest {

    @TempDir
    Path tmp;

    @Test
    void importCleanExport() throws Exception {
        Path src = SourceFixturesAccess.imageFolder(tmp.resolve("src"));
        Files.writeString(src.resolve("metadata.jsonl"), "{\"file_name\": \"a.png\", \"caption\": \"A  Caption\"}\n");
        Path ds = tmp.resolve("ds");
        assertEquals(0, PokegenCli.commandLine().execute("data", "import", src.toString(), "--to", ds.toString(),
                "--caption-column", "caption"));
        assertEquals(1, Dataset.open(ds).importedItems().size());

        Path report = tmp.resolve("r.json");
        assertEquals(0, PokegenCli.commandLine().execute("data", "clean", ds.toString(), "--report", report.toString()));
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals(1, json.get("counts").get("CAPTION_NORMALISED").asInt());
        assertEquals(4, json.get("counts").get("NOT_IN_METADATA").asInt());

        Path out = tmp.resolve("out");
        assertEquals(0, PokegenCli.commandLine().execute("data", "export", ds.toString(), "--to", out.toString()));
        String line = Files.readString(out.resolve("metadata.jsonl"));
        assertTrue(line.contains("\"text\":\"a caption\""), line);
        assertTrue(Files.exists(out.resolve("a.png")));
    }
}
