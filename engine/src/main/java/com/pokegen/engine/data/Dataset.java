package com.pokegen.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A dataset folder: an immutable import ({@code import/}) plus an append-only journal of
 * edits. Every journal position is a version that can be rebuilt ({@link #stateAt}), diffed
 * and exported; undo and redo are journal entries too. Thread-safe.
 */
public final class Dataset {

    private final Path dir;
    private final List<Item> imported;
    private final List<Finding> importFindings;
    private final Journal journal;
    private final List<String> recoveryNotes;
    private DatasetState current;

    private Dataset(Path dir, List<Item> imported, List<Finding> importFindings, Journal journal, List<String> notes) {
        this.dir = dir;
        this.imported = List.copyOf(imported);
        this.importFindings = List.copyOf(importFindings);
        this.journal = journal;
        this.recoveryNotes = List.copyOf(notes);
        this.current = build(journal.size());
    }

    /**
     * Opens a dataset folder made by {@link DatasetImporter}. Leftovers of interrupted writes
     * are removed (see {@link #recoveryNotes()}); the state is the last committed one.
     */
    public static Dataset open(Path dir) throws IOException {
        Path manifest = dir.resolve(DatasetFiles.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IOException(dir + " is not a dataset folder (no " + DatasetFiles.MANIFEST
                    + "); create one with `pokegen data import SRC --to " + dir + "`");
        }
        JsonNode m = DatasetFiles.JSON.readTree(manifest.toFile());
        if (!DatasetFiles.FORMAT.equals(m.path("format").asText()) || m.path("formatVersion").asInt() > DatasetFiles.FORMAT_VERSION) {
            throw new IOException(manifest + ": unsupported dataset format " + m.path("format").asText() + " v"
                    + m.path("formatVersion").asInt() + "; this build reads " + DatasetFiles.FORMAT + " v" + DatasetFiles.FORMAT_VERSION);
        }
        List<String> notes = new ArrayList<>();
        for (String stale : AtomicFiles.removeStaleTemps(dir)) {
            notes.add("removed " + stale + " left by an interrupted write");
        }
        Path importDir = dir.resolve(DatasetFiles.IMPORT_DIR);
        List<Item> items = DatasetFiles.readItems(importDir.resolve(DatasetFiles.ITEMS));
        List<Finding> findings = DatasetFiles.readFindings(importDir.resolve(DatasetFiles.IMPORT_FINDINGS));
        Journal journal = Journal.load(dir.resolve(DatasetFiles.JOURNAL), notes);
        return new Dataset(dir, items, findings, journal, notes);
    }

    public Path dir() {
        return dir;
    }

    /** The items as imported, in import order. */
    public List<Item> importedItems() {
        return imported;
    }

    /** What the import rejected or fixed (files that never became items, alpha composited, ...). */
    /** The file listing the import's findings (what was skipped and why). */
    public Path importFindingsFile() {
        return dir.resolve(DatasetFiles.IMPORT_DIR).resolve(DatasetFiles.IMPORT_FINDINGS);
    }

    public List<Finding> importFindings() {
        return importFindings;
    }

    /** What {@link #open} repaired (stale temps removed, a torn journal line dropped). */
    public List<String> recoveryNotes() {
        return recoveryNotes;
    }

    /** The normalised picture of item {@code id} (opaque RGB PNG). */
    public Path imageFile(String id) {
        return dir.resolve(DatasetFiles.IMPORT_DIR).resolve(DatasetFiles.IMAGES_DIR).resolve(id + ".png");
    }

    /**
     * Decodes a dataset picture ({@link #imageFile}). A file damaged or removed after import fails naming
     * it (ImageIO alone says only "Error reading PNG image data" or "Can't read input file!").
     */
    public static BufferedImage readImage(Path file) throws IOException {
        BufferedImage img;
        try {
            img = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": dataset image is damaged (" + e.getMessage() + "); restore the file or"
                    + " re-import the dataset", e);
        }
        if (img == null) {
            throw new IOException(file + ": dataset image is " + (Files.exists(file) ? "not a readable image" : "missing")
                    + "; restore the file or re-import the dataset");
        }
        return img;
    }

    /** The current version. */
    public synchronized DatasetState state() {
        return current;
    }

    /** The current version's hash. */
    public synchronized String version() {
        return current.version();
    }

    /** Number of journal entries; versions are numbered 0 (the import) to this. */
    public synchronized int head() {
        return journal.size();
    }

    /** The journal, oldest entry first. */
    public synchronized List<JournalEntry> journal() {
        return journal.entries();
    }

    /** Rebuilds the version after the first {@code index} journal entries. */
    public synchronized DatasetState stateAt(int index) {
        if (index < 0 || index > journal.size()) {
            throw new IllegalArgumentException("version index " + index + " is outside 0.." + journal.size());
        }
        return index == journal.size() ? current : build(index);
    }

    public void editCaption(String id, String caption) throws IOException {
        apply("caption", List.of(Change.caption(id, caption)));
    }

    public void exclude(Collection<String> ids, String reason) throws IOException {
        apply("exclude", ids.stream().map(id -> Change.exclude(id, reason)).toList());
    }

    public void include(Collection<String> ids) throws IOException {
        apply("include", ids.stream().map(Change::include).toList());
    }

    /** Records {@code changes} as one edit (undone as one); unknown ids are refused. */
    public synchronized void apply(String label, List<Change> changes) throws IOException {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("an edit needs at least one change");
        }
        for (Change c : changes) {
            current.item(c.item());
        }
        journal.append(JournalEntry.EDIT, label, changes);
        current = build(journal.size());
    }

    public synchronized boolean canUndo() {
        return Journal.undoRedoDepth(journal.entries(), journal.size())[0] > 0;
    }

    public synchronized boolean canRedo() {
        return Journal.undoRedoDepth(journal.entries(), journal.size())[1] > 0;
    }

    /** Undoes the last edit still in effect. */
    public synchronized void undo() throws IOException {
        if (!canUndo()) {
            throw new IllegalStateException("nothing to undo");
        }
        journal.append(JournalEntry.UNDO, "", List.of());
        current = build(journal.size());
    }

    /** Redoes the last undone edit (only until a new edit is made). */
    public synchronized void redo() throws IOException {
        if (!canRedo()) {
            throw new IllegalStateException("nothing to redo");
        }
        journal.append(JournalEntry.REDO, "", List.of());
        current = build(journal.size());
    }

    /** What changed from version {@code fromIndex} to version {@code toIndex}. */
    public synchronized DatasetDiff diff(int fromIndex, int toIndex) {
        DatasetState a = stateAt(fromIndex);
        DatasetState b = stateAt(toIndex);
        List<DatasetDiff.ItemChange> changes = new ArrayList<>();
        for (ItemView before : a.items()) {
            ItemView after = b.item(before.id());
            if (!before.caption().equals(after.caption()) || before.included() != after.included()) {
                changes.add(new DatasetDiff.ItemChange(before.id(), before.caption(), after.caption(),
                        before.included(), after.included()));
            }
        }
        return new DatasetDiff(a.version(), b.version(), changes);
    }

    /** Exports the current version; see {@link #export(int, Path)}. */
    public void export(Path target) throws IOException {
        export(head(), target);
    }

    /**
     * Writes version {@code index} as a Hugging Face imagefolder: the included items'
     * pictures as {@code ID.png} plus {@code metadata.jsonl} ({@code file_name}, {@code text},
     * then the items' other metadata). The folder appears complete or not at all.
     */
    public void export(int index, Path target) throws IOException {
        DatasetState state = stateAt(index);
        if (Files.exists(target)) {
            boolean empty;
            try (var list = Files.list(target)) {
                empty = list.findAny().isEmpty();
            }
            if (!empty) {
                throw new IOException(target + " exists and is not empty; export into a new folder");
            }
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = AtomicFiles.tempSibling(target);
        try {
            Files.createDirectories(staging);
            ByteArrayOutputStream metadata = new ByteArrayOutputStream();
            for (ItemView v : state.included()) {
                Files.copy(imageFile(v.id()), staging.resolve(v.id() + ".png"));
                ObjectNode line = DatasetFiles.JSON.createObjectNode();
                line.put("file_name", v.id() + ".png");
                line.put("text", v.caption());
                for (Iterator<Map.Entry<String, JsonNode>> it = v.item().meta().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getKey().equals("file_name") && !e.getKey().equals("text")) {
                        line.set(e.getKey(), e.getValue());
                    }
                }
                metadata.write(DatasetFiles.JSON.writeValueAsBytes(line));
                metadata.write('\n');
            }
            Files.write(staging.resolve("metadata.jsonl"), metadata.toByteArray());
            Files.deleteIfExists(target);
            AtomicFiles.move(staging, target);
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    private DatasetState build(int index) {
        Map<String, String> captions = new HashMap<>();
        Map<String, String> exclusions = new HashMap<>();
        for (JournalEntry edit : Journal.effectiveEdits(journal.entries(), index)) {
            for (Change c : edit.changes()) {
                switch (c.kind()) {
                    case CAPTION: captions.put(c.item(), c.value()); break;
                    case EXCLUDE: exclusions.put(c.item(), c.value()); break;
                    default: exclusions.remove(c.item());
                }
            }
        }
        List<ItemView> views = new ArrayList<>(imported.size());
        for (Item it : imported) {
            String caption = captions.getOrDefault(it.id(), it.caption() == null ? "" : it.caption());
            String reason = exclusions.get(it.id());
            views.add(new ItemView(it, caption, reason == null, reason));
        }
        return new DatasetState(index, views);
    }
}
