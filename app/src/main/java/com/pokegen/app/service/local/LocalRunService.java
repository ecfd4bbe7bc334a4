package com.pokegen.app.service.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.app.service.RunInfo;
import com.pokegen.app.service.RunService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Run folders on disk under a runs root ({@code runs/} by default). Reading runs needs no engine;
 * starting them does, so {@link #start} is unsupported here: launch training from the CLI (or a
 * GPU server) and open the folder to watch it.
 */
public class LocalRunService implements RunService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path runsRoot;

    public LocalRunService(Path runsRoot) {
        this.runsRoot = runsRoot;
    }

    @Override
    public List<RunInfo> listRuns() throws IOException {
        if (!Files.isDirectory(runsRoot)) {
            return List.of();
        }
        List<Path> folders;
        try (Stream<Path> children = Files.list(runsRoot)) {
            folders = children.filter(LocalRunService::looksLikeRun)
                    .sorted(Comparator.comparing(LocalRunService::lastModified).reversed()).toList();
        }
        List<RunInfo> runs = new ArrayList<>();
        for (Path folder : folders) {
            runs.add(open(folder));
        }
        return runs;
    }

    @Override
    public RunInfo open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "run folder not found");
        }
        if (!looksLikeRun(folder)) {
            throw new IOException("Not a run folder: " + folder + " has neither spec.json nor events.jsonl");
        }
        return new RunInfo(folder.getFileName().toString(), folder, totalSteps(folder.resolve("spec.json")));
    }

    @Override
    public List<String> presets() {
        return List.of();
    }

    @Override
    public RunInfo start(String preset) {
        throw new UnsupportedOperationException("This build cannot start training from the studio yet: "
                + "start it with ./pokegen (e.g. train-teacher or distill) and open its run folder here");
    }

    @Override
    public void stop(RunInfo run) {
        throw new UnsupportedOperationException("Runs started outside the studio stop from where they were started");
    }

    /** {@code total_steps} at the top level of spec.json, or in any nested section. */
    static OptionalLong totalSteps(Path spec) throws IOException {
        if (!Files.exists(spec)) {
            return OptionalLong.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(spec.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException("Malformed " + spec + ": " + e.getOriginalMessage(), e);
        }
        JsonNode steps = root == null ? null : root.findValue("total_steps");
        return steps != null && steps.canConvertToLong() ? OptionalLong.of(steps.asLong()) : OptionalLong.empty();
    }

    private static boolean looksLikeRun(Path folder) {
        return Files.isDirectory(folder)
                && (Files.exists(folder.resolve("spec.json")) || Files.exists(folder.resolve("events.jsonl")));
    }

    private static FileTime lastModified(Path folder) {
        try {
            Path events = folder.resolve("events.jsonl");
            return Files.getLastModifiedTime(Files.exists(events) ? events : folder);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
