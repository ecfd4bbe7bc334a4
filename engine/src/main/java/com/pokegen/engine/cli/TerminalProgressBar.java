package com.pokegen.engine.cli;

import com.pokegen.engine.data.ProgressListener;
import java.io.PrintWriter;

/** A one-line progress bar ({@code [#####-----] 12/50 steps, 3.1 steps/s}) redrawn with '\r'. */
final class TerminalProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final String label;
    private final long start = System.nanoTime();

    TerminalProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void progress(String stage, long done, long total) {
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder line = new StringBuilder("\r").append(label).append(" [");
        line.append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
        line.append(done).append('/').append(total).append(" steps");
        if (seconds > 0) {
            line.append(String.format(", %.1f steps/s", done / seconds));
        }
        err.print(line);
        if (done == total) {
            err.println();
        }
        err.flush();
    }
}
