package com.pokegen.app.testing;

import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.service.DatasetService;
import com.pokegen.app.service.DatasetSummary;
import com.pokegen.app.service.EditResult;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.service.ReplacePreview;
import com.pokegen.app.service.ReplaceQuery;
import com.pokegen.app.service.local.EditJournal;
import com.pokegen.app.service.local.LocalDatasetService;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory dataset of {@code size} items ("0000".."size-1", caption "a pokemon number N",
 * every 10th flagged "blurry"). Counts journal writes; {@link #holdOpen} makes open() wait
 * (checking cancellation) so tests can watch an import run and cancel it.
 */
public final class FakeDatasetService implements DatasetService {

    public final AtomicInteger journalWrites = new AtomicInteger();
    public final List<String> calls = new ArrayList<>();
    public volatile CountDownLatch holdOpen;
    private final int size;
    private EditJournal journal = new EditJournal(List.of(), changed -> { });

    public FakeDatasetService(int size) {
        this.size = size;
    }

    public static List<DatasetItem> items(int size) {
        List<DatasetItem> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = String.format("%04d", i);
            items.add(new DatasetItem(id, Path.of("/fake", id + ".png"), "a pokemon number " + i,
                    i % 10 == 0 ? Set.of("blurry") : Set.of(), false));
        }
        return items;
    }

    @Override
    public synchronized DatasetSummary open(Path folder, ProgressMonitor monitor) throws IOException {
        calls.add("open " + folder);
        List<DatasetItem> items = items(size);
        for (int i = 0; i < items.size(); i++) {
            monitor.checkCancelled();
            monitor.progress(i + 1, items.size(), "Reading " + items.get(i).id());
            if (holdOpen != null && i == items.size() / 2) {
                awaitRelease(monitor);
            }
        }
        journal = new EditJournal(items, changed -> journalWrites.incrementAndGet());
        return new DatasetSummary(folder, folder.getFileName().toString(), items, false, false);
    }

    private void awaitRelease(ProgressMonitor monitor) throws IOException {
        try {
            while (!holdOpen.await(10, TimeUnit.MILLISECONDS)) {
                monitor.checkCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    @Override
    public synchronized List<DatasetItem> items() {
        return journal.items();
    }

    @Override
    public synchronized EditResult setCaption(String id, String caption) throws IOException {
        calls.add("caption " + id + "=" + caption);
        return journal.edit("caption of " + id, List.of(id), item -> item.withCaption(caption));
    }

    @Override
    public synchronized EditResult setExcluded(Collection<String> ids, boolean excluded) throws IOException {
        calls.add((excluded ? "exclude " : "include ") + ids.stream().sorted().toList());
        return journal.edit(excluded ? "exclude" : "include", ids, item -> item.withExcluded(excluded));
    }

    @Override
    public synchronized EditResult undo() throws IOException {
        calls.add("undo");
        return journal.undo();
    }

    @Override
    public synchronized EditResult redo() throws IOException {
        calls.add("redo");
        return journal.redo();
    }

    @Override
    public synchronized List<ReplacePreview> previewReplace(ReplaceQuery query) {
        calls.add("preview " + query.find());
        return LocalDatasetService.previews(journal.items(), query);
    }

    @Override
    public synchronized EditResult applyReplace(ReplaceQuery query) throws IOException {
        calls.add("replace " + query.find());
        List<String> ids = LocalDatasetService.previews(journal.items(), query).stream().map(ReplacePreview::id).toList();
        return journal.edit("replace", ids, item -> item.withCaption(query.apply(item.caption())));
    }
}
