package com.pokegen.app.service.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.service.DatasetService;
import com.pokegen.app.service.DatasetSummary;
import com.pokegen.app.service.EditResult;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.service.ReplacePreview;
import com.pokegen.app.service.ReplaceQuery;
import com.pokegen.app.service.local.LocalDatasetService;
import com.pokegen.engine.data.Change;
import com.pokegen.engine.data.Cleaner;
import com.pokegen.engine.data.CleaningOptions;
import com.pokegen.engine.data.CleaningReport;
import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.data.DatasetImporter;
import com.pokegen.engine.data.DatasetState;
import com.pokegen.engine.data.Finding;
import com.pokegen.engine.data.ImportOptions;
import com.pokegen.engine.data.ItemView;
import com.pokegen.engine.data.ProgressListener;
import com.pokegen.engine.data.pack.NpmCli;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.data.pack.PackResult;
import com.pokegen.engine.data.pack.PokemonPack;
import com.pokegen.engine.data.pack.PokemonPackBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Datasets through the engine's {@link Dataset}: an immutable import plus an append-only journal
 * that is the autosave and the undo history (so undo survives restarts). Opening a folder that is
 * already a dataset ({@code dataset.json}) reopens it; opening any other folder imports it with
 * {@link DatasetImporter} into {@code <datasets root>/<folder name>} (reusing an earlier import of
 * the same source) and cleans it once with {@link Cleaner}, whose exclusions are one undoable
 * edit. The browser's cleaning flags are the findings of a report-only cleaning pass, refreshed
 * after every edit (a new caption clears "missing-caption").
 */
public final class EngineDatasetService implements DatasetService {

    static final String EXCLUDED_REASON = "excluded in the studio";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The studio's note of the dataset opened last (a plain path, one line). */
    static final String LAST_OPENED = "last-opened.txt";

    private final Path datasetsRoot;
    private Dataset dataset;
    private Map<String, Set<String>> flags = Map.of();

    /** @param datasetsRoot where imports of plain folders go ({@code <home>/datasets} in the studio) */
    public EngineDatasetService(Path datasetsRoot) {
        this.datasetsRoot = datasetsRoot;
    }

    @Override
    public DatasetSummary open(Path folder, ProgressMonitor monitor) throws IOException {
        if (!Files.exists(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "no such folder");
        }
        Dataset opened;
        if (Files.isRegularFile(folder.resolve("dataset.json"))) {
            opened = Dataset.open(folder);
        } else {
            opened = importOrReuse(folder, monitor);
        }
        Map<String, Set<String>> newFlags = flagsOf(opened, monitor);
        rememberLast(opened.dir());
        synchronized (this) {
            dataset = opened;
            flags = newFlags;
            List<DatasetItem> items = toItems(opened, newFlags);
            return new DatasetSummary(opened.dir(), displayName(folder), items, opened.canUndo(), opened.canRedo(),
                    ImportReport.captionNotice(items));
        }
    }

    /** Reads {@value #LAST_OPENED} under the datasets root: the folder opened last, while it is still a dataset. */
    @Override
    public Optional<Path> lastOpened() {
        try {
            Path file = datasetsRoot.resolve(LAST_OPENED);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Path folder = Path.of(Files.readString(file).strip());
            return Files.isRegularFile(folder.resolve("dataset.json")) ? Optional.of(folder) : Optional.empty();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private void rememberLast(Path folder) {
        try {
            Files.createDirectories(datasetsRoot);
            Files.writeString(datasetsRoot.resolve(LAST_OPENED), folder.toAbsolutePath().normalize().toString());
        } catch (IOException e) {
            // only a convenience: the next start opens nothing
        }
    }

    @Override
    public boolean supportsPokemonPack() {
        return true;
    }

    /**
     * Builds (or reuses) the offline Pokémon pack (npm tarballs fetched once into the pokegen cache)
     * and opens it as a dataset.
     */
    @Override
    public DatasetSummary openPokemonPack(ProgressMonitor monitor) throws IOException {
        Path cache = PokemonPack.defaultCacheRoot();
        PackResult pack = PokemonPack.ensure(cache, PokemonPack.defaultPackDir(cache), PokemonPackBuilder.DEFAULT_SIZE,
                new NpmCli(), false, listener(monitor), monitor::isCancelled);
        return open(pack.dir(), monitor);
    }

    /** The open dataset's folder, for training runs. */
    public synchronized Optional<Path> currentFolder() {
        return dataset == null ? Optional.empty() : Optional.of(dataset.dir());
    }

    @Override
    public synchronized List<DatasetItem> items() {
        return dataset == null ? List.of() : toItems(dataset, flags);
    }

    @Override
    public synchronized EditResult setCaption(String id, String caption) throws IOException {
        String clean = caption.strip();
        if (requireOpen().state().item(id).caption().equals(clean)) {
            return unchanged();
        }
        return edit("Edited caption of " + id, () -> dataset.editCaption(id, clean));
    }

    @Override
    public synchronized EditResult setExcluded(Collection<String> ids, boolean excluded) throws IOException {
        DatasetState state = requireOpen().state();
        List<String> toChange = ids.stream().distinct().filter(id -> state.item(id).included() == excluded).toList();
        if (toChange.isEmpty()) {
            return unchanged();
        }
        String what = (excluded ? "Excluded " : "Included ") + toChange.size() + (toChange.size() == 1 ? " item" : " items");
        return edit(what, () -> {
            if (excluded) {
                dataset.exclude(toChange, EXCLUDED_REASON);
            } else {
                dataset.include(toChange);
            }
        });
    }

    @Override
    public synchronized EditResult undo() throws IOException {
        if (dataset == null || !dataset.canUndo()) {
            return unchanged();
        }
        return edit("Undid the last edit", dataset::undo);
    }

    @Override
    public synchronized EditResult redo() throws IOException {
        if (dataset == null || !dataset.canRedo()) {
            return unchanged();
        }
        return edit("Redid the edit", dataset::redo);
    }

    @Override
    public synchronized List<ReplacePreview> previewReplace(ReplaceQuery query) {
        return LocalDatasetService.previews(items(), query);
    }

    @Override
    public synchronized EditResult applyReplace(ReplaceQuery query) throws IOException {
        List<ReplacePreview> previews = previewReplace(query);
        if (previews.isEmpty()) {
            return unchanged();
        }
        List<Change> changes = previews.stream().map(p -> Change.caption(p.id(), p.after())).toList();
        String label = "replace '" + query.find() + "' in " + changes.size() + " captions";
        return edit("Replaced '" + query.find() + "' in " + changes.size() + " captions",
                () -> dataset.apply(label, changes));
    }

    @FunctionalInterface
    private interface JournalEdit {
        void run() throws IOException;
    }

    /** Runs one journaled edit and returns the items whose caption, inclusion or flags changed. */
    private EditResult edit(String description, JournalEdit edit) throws IOException {
        Dataset current = requireOpen();
        List<DatasetItem> before = toItems(current, flags);
        edit.run();
        flags = flagsOf(current, ProgressMonitor.NONE);
        List<DatasetItem> after = toItems(current, flags);
        List<DatasetItem> changed = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            if (!after.get(i).equals(before.get(i))) {
                changed.add(after.get(i));
            }
        }
        return new EditResult(changed, description, current.canUndo(), current.canRedo());
    }

    private EditResult unchanged() {
        boolean undo = dataset != null && dataset.canUndo();
        boolean redo = dataset != null && dataset.canRedo();
        return new EditResult(List.of(), "", undo, redo);
    }

    private Dataset requireOpen() {
        if (dataset == null) {
            throw new IllegalStateException("No dataset is open: import a folder first");
        }
        return dataset;
    }

    private static List<DatasetItem> toItems(Dataset dataset, Map<String, Set<String>> flags) {
        List<DatasetItem> items = new ArrayList<>();
        for (ItemView view : dataset.state().items()) {
            items.add(new DatasetItem(view.id(), dataset.imageFile(view.id()).toAbsolutePath(), view.caption(),
                    flags.getOrDefault(view.id(), Set.of()), !view.included()));
        }
        return items;
    }

    /** Imports {@code source} into the datasets root, or reopens an earlier import of it. */
    private Dataset importOrReuse(Path source, ProgressMonitor monitor) throws IOException {
        Path real = source.toRealPath();
        String base = safeName(real.getFileName() == null ? "dataset" : real.getFileName().toString());
        Files.createDirectories(datasetsRoot);
        for (int n = 1; ; n++) {
            Path target = datasetsRoot.resolve(n == 1 ? base : base + "-" + n);
            Path manifest = target.resolve("dataset.json");
            if (Files.isRegularFile(manifest)) {
                if (sourceOf(manifest).equals(real.toString()) || sourceOf(manifest).equals(source.toAbsolutePath().toString())) {
                    return Dataset.open(target);
                }
                continue;
            }
            if (Files.exists(target) && !isEmpty(target)) {
                continue;
            }
            Dataset imported = DatasetImporter.importFrom(real, target, ImportOptions.defaults(), listener(monitor),
                    monitor::isCancelled);
            if (imported.state().items().isEmpty()) {
                AtomicFiles.deleteTree(target); // no empty dataset left behind
                throw ImportReport.noImages(real);
            }
            CleaningReport report = Cleaner.clean(imported, CleaningOptions.defaults(), listener(monitor),
                    monitor::isCancelled);
            report.write(target.resolve("clean-report.json"));
            return imported;
        }
    }

    /** Cleaning flags per item id ("exact-duplicate", "missing-caption", ...) from a report-only pass. */
    private static Map<String, Set<String>> flagsOf(Dataset dataset, ProgressMonitor monitor) throws IOException {
        CleaningReport report = Cleaner.clean(dataset, CleaningOptions.defaults().withApply(false), ProgressListener.NONE,
                monitor::isCancelled);
        Map<String, Set<String>> out = new HashMap<>();
        for (Finding finding : report.findings()) {
            if (finding.item() != null) {
                out.computeIfAbsent(finding.item(), id -> new HashSet<>()).add(flagName(finding));
            }
        }
        return out;
    }

    static String flagName(Finding finding) {
        return finding.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static ProgressListener listener(ProgressMonitor monitor) {
        return (stage, done, total) -> monitor.progress(done, total, stageLabel(stage) + (total > 0 ? " " + done + " of " + total : ""));
    }

    private static String stageLabel(String stage) {
        return switch (stage) {
            case "read" -> "Reading the source";
            case "decode" -> "Importing images";
            case "clean" -> "Cleaning";
            case "done" -> "Imported";
            default -> stage.substring(0, 1).toUpperCase(Locale.ROOT) + stage.substring(1);
        };
    }

    private static String sourceOf(Path manifest) throws IOException {
        JsonNode node = JSON.readTree(manifest.toFile());
        return node == null ? "" : node.path("source").asText("");
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String safeName(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return clean.isEmpty() || clean.startsWith(".") ? "dataset" + clean : clean;
    }

    private static String displayName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }
}
