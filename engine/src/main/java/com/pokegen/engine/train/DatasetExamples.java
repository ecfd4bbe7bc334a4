package com.pokegen.engine.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.data.DatasetState;
import com.pokegen.engine.data.ItemView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The included items of a dataset version as training examples (caption plus any French caption). */
public final class DatasetExamples {

    private DatasetExamples() {}

    /** Examples and the dataset version they came from. */
    public record Loaded(List<TrainingExample> examples, String version) {}

    public static Loaded load(Path datasetDir) throws IOException {
        Dataset ds = Dataset.open(datasetDir);
        DatasetState state = ds.state();
        List<TrainingExample> out = new ArrayList<>();
        for (ItemView v : state.included()) {
            Path file = ds.imageFile(v.id());
            List<String> captions = new ArrayList<>();
            captions.add(v.caption());
            JsonNode fr = v.item().meta() == null ? null : v.item().meta().get("text_fr");
            if (fr != null && !fr.asText().isBlank()) {
                captions.add(fr.asText()); // trained on both languages so French prompts work
            }
            out.add(new TrainingExample(v.id(), () -> Dataset.readImage(file), captions));
        }
        if (out.isEmpty()) {
            throw new IOException(datasetDir + ": the dataset has no included items; include some in the studio"
                    + " or import images with `pokegen data import`");
        }
        return new Loaded(out, state.version());
    }

    /**
     * Text-conditioned stages need a caption on every example; a blank one almost always means
     * the import read the wrong metadata column.
     */
    public static void requireCaptions(Loaded data, Path datasetDir) throws IOException {
        long blank = data.examples().stream()
                .filter(e -> e.captions().get(0) == null || e.captions().get(0).isBlank()).count();
        if (blank > 0) {
            throw new IOException(datasetDir + ": " + blank + " of " + data.examples().size()
                    + " items have no caption (the caption column was missing at import); re-import with"
                    + " `pokegen data import --caption-column NAME` or write the captions in the studio");
        }
    }
}
