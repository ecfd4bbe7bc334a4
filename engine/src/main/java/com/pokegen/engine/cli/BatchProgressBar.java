package com.pokegen.engine.cli;

import com.pokegen.engine.batch.BatchListener;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code batch [######----] 57/200 images, 8.1 images/s, ETA 0:18}, redrawn with '\r'. */
final class BatchProgressBar implements BatchListener {

    private static final int WIDTH = 30;
    private final PrintWriter err;

    BatchProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onImage(int done, int total, long elapsedNanos) {
        int filled = (int) ((long) WIDTH * done / total);
        double rate = done / (elapsedNanos / 1e9);
        long eta = Math.round((total - done) / rate);
        err.print(String.format(Locale.ROOT, "\rbatch [%s%s] %d/%d images, %.1f images/s, ETA %d:%02d", "#".repeat(filled),
                "-".repeat(WIDTH - filled), done, total, rate, eta / 60, eta % 60));
        if (done == total) {
            err.println();
        }
        err.flush();
    }
}
