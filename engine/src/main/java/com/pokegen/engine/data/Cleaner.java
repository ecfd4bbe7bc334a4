package com.pokegen.engine.data;

import com.pokegen.engine.data.image.PerceptualHash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Dataset-level cleaning: caption normalisation, empty or missing captions, too small,
 * extreme aspect ratio, exact duplicates (same pixel hash) and near duplicates (perceptual
 * hashes within a Hamming distance). Fixes and exclusions are recorded as one journal edit
 * ("clean"), so a single undo reverts them; the import and the source are never touched. The
 * report also lists what the import rejected or fixed.
 */
public final class Cleaner {

    private Cleaner() {}

    public static CleaningReport clean(Dataset dataset, CleaningOptions options, ProgressListener progress,
            BooleanSupplier cancel) throws IOException {
        Objects.requireNonNull(options, "options");
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        DatasetState state = dataset.state();
        List<Finding> findings = new ArrayList<>(dataset.importFindings());
        List<Change> changes = new ArrayList<>();
        Map<String, String> firstByHash = new HashMap<>();
        List<ItemView> representatives = new ArrayList<>();
        List<ItemView> items = state.items();
        for (int i = 0; i < items.size(); i++) {
            Cancellation.check(cancel, "cleaning");
            ItemView v = items.get(i);
            String exclusion = checkCaption(v, options, findings, changes);
            String pictureIssue = checkPicture(v, options, findings, firstByHash, representatives);
            exclusion = exclusion != null ? exclusion : pictureIssue;
            if (exclusion != null && v.included()) {
                changes.add(Change.exclude(v.id(), exclusion));
            }
            listener.progress("clean", i + 1, items.size());
        }
        String before = state.version();
        if (options.apply() && !changes.isEmpty()) {
            dataset.apply("clean", changes);
        }
        int applied = options.apply() ? changes.size() : 0;
        return new CleaningReport(dataset.dir(), before, dataset.version(), findings, applied);
    }

    /** Adds caption findings and fixes; returns an exclusion reason or null. */
    private static String checkCaption(ItemView v, CleaningOptions options, List<Finding> findings, List<Change> changes) {
        Item it = v.item();
        if (it.caption() == null && v.caption().isEmpty()) {
            findings.add(new Finding(CleaningReason.MISSING_CAPTION, it.source(), it.id(),
                    it.source() + " has no caption; write one (data set editor) and include the item"));
            return CleaningReason.MISSING_CAPTION.name();
        }
        String normal = CaptionNormalizer.normalise(v.caption(), options.lowercaseCaptions());
        if (normal.isEmpty()) {
            findings.add(new Finding(CleaningReason.EMPTY_CAPTION, it.source(), it.id(),
                    it.source() + " has an empty caption ('" + v.caption() + "')"));
            return CleaningReason.EMPTY_CAPTION.name();
        }
        if (!normal.equals(v.caption())) {
            findings.add(new Finding(CleaningReason.CAPTION_NORMALISED, it.source(), it.id(),
                    "'" + v.caption() + "' -> '" + normal + "'"));
            changes.add(Change.caption(it.id(), normal));
        }
        return null;
    }

    /** Adds picture findings; returns an exclusion reason or null. */
    private static String checkPicture(ItemView v, CleaningOptions options, List<Finding> findings,
            Map<String, String> firstByHash, List<ItemView> representatives) {
        Item it = v.item();
        String reason = null;
        int shortSide = Math.min(it.width(), it.height());
        if (shortSide < options.minSide()) {
            findings.add(new Finding(CleaningReason.TOO_SMALL, it.source(), it.id(), it.source() + " is "
                    + it.width() + "x" + it.height() + ", shorter side below " + options.minSide() + " px"));
            reason = CleaningReason.TOO_SMALL.name();
        }
        double aspect = (double) Math.max(it.width(), it.height()) / Math.max(1, shortSide);
        if (aspect > options.maxAspect()) {
            findings.add(new Finding(CleaningReason.EXTREME_ASPECT, it.source(), it.id(), String.format(
                    "%s is %dx%d, aspect %.2f above %.2f", it.source(), it.width(), it.height(), aspect, options.maxAspect())));
            reason = reason != null ? reason : CleaningReason.EXTREME_ASPECT.name();
        }
        String first = firstByHash.putIfAbsent(it.imageHash(), it.id());
        if (first != null) {
            findings.add(new Finding(CleaningReason.EXACT_DUPLICATE, it.source(), it.id(),
                    it.source() + " has the same pixels as item " + first));
            return reason != null ? reason : CleaningReason.EXACT_DUPLICATE.name() + " of " + first;
        }
        if (options.nearDuplicateBits() > 0) {
            for (ItemView rep : representatives) {
                int d = PerceptualHash.distance(rep.item().phash(), it.phash());
                if (d > options.nearDuplicateBits()) {
                    continue;
                }
                double colour = PerceptualHash.colourDistance(rep.item().colourGrid(), it.colourGrid());
                if (colour <= options.nearDuplicateColour()) {
                    findings.add(new Finding(CleaningReason.NEAR_DUPLICATE, it.source(), it.id(), String.format(
                            "%s is %d bits and colour %.1f from item %s (thresholds %d, %.1f)", it.source(), d, colour,
                            rep.id(), options.nearDuplicateBits(), options.nearDuplicateColour())));
                    return reason != null ? reason : CleaningReason.NEAR_DUPLICATE.name() + " of " + rep.id();
                }
            }
        }
        representatives.add(v);
        return reason;
    }
}
