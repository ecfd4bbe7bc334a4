package com.pokegen.app.training;

/** Short human durations for the dashboard ("2h 05m", "3m 07s", "42s"). */
final class Durations {

    private Durations() {
    }

    static String format(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "–";
        }
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long secs = total % 60;
        if (hours > 0) {
            return String.format("%dh %02dm", hours, minutes);
        }
        return minutes > 0 ? String.format("%dm %02ds", minutes, secs) : secs + "s";
    }
}
