package com.pokegen.app.testing;

import com.pokegen.app.task.Cancellable;
import com.pokegen.app.task.UiScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link UiScheduler} on a virtual clock that tests advance by hand. */
public final class ManualScheduler implements UiScheduler {

    private final class Entry implements Cancellable {
        long due;
        final long period;
        final Runnable action;
        boolean cancelled;

        Entry(long due, long period, Runnable action) {
            this.due = due;
            this.period = period;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
            entries.remove(this);
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private long now;

    @Override
    public Cancellable schedule(Duration delay, Runnable action) {
        Entry entry = new Entry(now + delay.toMillis(), 0, action);
        entries.add(entry);
        return entry;
    }

    @Override
    public Cancellable scheduleRepeating(Duration period, Runnable action) {
        Entry entry = new Entry(now + period.toMillis(), period.toMillis(), action);
        entries.add(entry);
        return entry;
    }

    /** Moves the clock forward, running every action that falls due, in time order. */
    public void advance(Duration duration) {
        long target = now + duration.toMillis();
        while (true) {
            Entry next = entries.stream().filter(e -> e.due <= target).min(Comparator.comparingLong(e -> e.due)).orElse(null);
            if (next == null) {
                break;
            }
            now = next.due;
            if (next.period > 0) {
                next.due += next.period;
            } else {
                entries.remove(next);
            }
            next.action.run();
        }
        now = target;
    }

    public int pendingCount() {
        return entries.size();
    }
}
