package com.pokegen.app.service.local;

import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.service.DatasetService;
import com.pokegen.app.service.DatasetSummary;
import com.pokegen.app.service.EditResult;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.service.ReplacePreview;
import com.pokegen.app.service.ReplaceQuery;
import com.pokegen.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A dataset as a plain folder: images ({@code .png/.jpg/.jpeg/.gif/.bmp}, in the folder or its
 * {@code images/} sub-folder) with captions in sidecar {@code <image>.txt} files and exclusions
 * in {@code excluded.txt} (one id per line). Every edit rewrites the touched sidecars (temp +
 * rename) before it returns. Until the engine's dataset API is wired in, this is what the studio
 * opens; it raises one cleaning flag itself, {@code no-caption}.
 */
public final class LocalDatasetService implements DatasetService {

    public static final String NO_CAPTION = "no-caption";
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

    private Path folder;
    private EditJournal journal = new EditJournal(List.of(), changed -> { });
    private final Set<String> excluded = new HashSet<>();

    @Override
    public synchronized DatasetSummary open(Path requested, ProgressMonitor monitor) throws IOException {
        if (!Files.isDirectory(requested)) {
            throw new NotDirectoryException(requested.toString());
        }
        Path imageFolder = Files.isDirectory(requested.resolve("images")) ? requested.resolve("images") : requested;
        List<Path> images = listImages(imageFolder);
        Set<String> excludedIds = readExcluded(requested.resolve("excluded.txt"));
        List<DatasetItem> items = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            monitor.checkCancelled();
            Path image = images.get(i);
            String id = image.getFileName().toString();
            String caption = readCaption(image);
            items.add(new DatasetItem(id, image.toAbsolutePath(), caption, flagsFor(caption), excludedIds.contains(id)));
            monitor.progress(i + 1, images.size(), "Reading " + id);
        }
        folder = requested;
        excluded.clear();
        excluded.addAll(excludedIds);
        journal = new EditJournal(items, this::persist);
        return new DatasetSummary(requested, requested.getFileName().toString(), items, false, false);
    }

    @Override
    public synchronized List<DatasetItem> items() {
        return journal.items();
    }

    @Override
    public synchronized EditResult setCaption(String id, String caption) throws IOException {
        String clean = caption.strip();
        return journal.edit("caption of " + id, List.of(id),
                item -> new DatasetItem(item.id(), item.imagePath(), clean, reflag(item, clean), item.excluded()));
    }

    @Override
    public synchronized EditResult setExcluded(Collection<String> ids, boolean exclude) throws IOException {
        String what = (exclude ? "exclude " : "include ") + ids.size() + (ids.size() == 1 ? " item" : " items");
        return journal.edit(what, ids, item -> item.withExcluded(exclude));
    }

    @Override
    public synchronized EditResult undo() throws IOException {
        return journal.undo();
    }

    @Override
    public synchronized EditResult redo() throws IOException {
        return journal.redo();
    }

    @Override
    public synchronized List<ReplacePreview> previewReplace(ReplaceQuery query) {
        return previews(journal.items(), query);
    }

    @Override
    public synchronized EditResult applyReplace(ReplaceQuery query) throws IOException {
        List<String> ids = previews(journal.items(), query).stream().map(ReplacePreview::id).toList();
        return journal.edit("replace '" + query.find() + "' in " + ids.size() + " captions", ids,
                item -> {
                    String after = query.apply(item.caption());
                    return new DatasetItem(item.id(), item.imagePath(), after, reflag(item, after), item.excluded());
                });
    }

    /** The previews of a query over any item list (shared with fakes). */
    public static List<ReplacePreview> previews(List<DatasetItem> items, ReplaceQuery query) {
        List<ReplacePreview> result = new ArrayList<>();
        for (DatasetItem item : items) {
            String after = query.apply(item.caption());
            if (!after.equals(item.caption())) {
                result.add(new ReplacePreview(item.id(), item.caption(), after));
            }
        }
        return result;
    }

    private void persist(List<DatasetItem> changed) throws IOException {
        boolean exclusionsChanged = false;
        for (DatasetItem item : changed) {
            Path sidecar = sidecarOf(item.imagePath());
            String onDisk = Files.exists(sidecar) ? Files.readString(sidecar, StandardCharsets.UTF_8).strip() : "";
            if (!onDisk.equals(item.caption())) {
                AtomicFiles.writeString(sidecar, item.caption() + "\n");
            }
            exclusionsChanged |= item.excluded() ? excluded.add(item.id()) : excluded.remove(item.id());
        }
        if (exclusionsChanged) {
            String lines = new TreeSet<>(excluded).stream().map(id -> id + "\n").collect(Collectors.joining());
            AtomicFiles.writeString(folder.resolve("excluded.txt"), lines);
        }
    }

    private static Set<String> reflag(DatasetItem item, String caption) {
        Set<String> flags = new HashSet<>(item.flags());
        flags.remove(NO_CAPTION);
        flags.addAll(flagsFor(caption));
        return flags;
    }

    private static Set<String> flagsFor(String caption) {
        return caption.isBlank() ? Set.of(NO_CAPTION) : Set.of();
    }

    private static List<Path> listImages(Path imageFolder) throws IOException {
        try (Stream<Path> files = Files.list(imageFolder)) {
            return files.filter(Files::isRegularFile).filter(LocalDatasetService::isImage).sorted().toList();
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static Path sidecarOf(Path image) {
        String name = image.getFileName().toString();
        return image.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".txt");
    }

    private static String readCaption(Path image) throws IOException {
        Path sidecar = sidecarOf(image);
        return Files.exists(sidecar) ? Files.readString(sidecar, StandardCharsets.UTF_8).strip() : "";
    }

    private static Set<String> readExcluded(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Set.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.toSet());
    }
}
