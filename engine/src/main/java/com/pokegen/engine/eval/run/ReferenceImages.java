package com.pokegen.engine.eval.run;

import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.data.ItemView;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The real images Fréchet distances compare against: every included item of one dataset
 * version, decoded only when statistics are not cached yet (or KID needs raw features).
 */
final class ReferenceImages {

    private final Dataset dataset;
    private final String version;
    private final List<String> ids;
    private List<BufferedImage> images;

    ReferenceImages(Dataset dataset) {
        this.dataset = dataset;
        this.version = dataset.state().version();
        this.ids = dataset.state().included().stream().map(ItemView::id).toList();
    }

    String version() {
        return version;
    }

    int count() {
        return ids.size();
    }

    synchronized List<BufferedImage> images() throws IOException {
        if (images == null) {
            List<BufferedImage> out = new ArrayList<>(ids.size());
            for (String id : ids) {
                out.add(Dataset.readImage(dataset.imageFile(id)));
            }
            images = List.copyOf(out);
        }
        return images;
    }
}
