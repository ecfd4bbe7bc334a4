package com.pokegen.engine.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Bradley–Terry strengths (P(i beats j) = πᵢ / (πᵢ + πⱼ)) fitted with Hunter's (2004) MM
 * iteration πᵢ ← Wᵢ / Σⱼ nᵢⱼ / (πᵢ + πⱼ), ties counting half a win to each side, skips ignored.
 * A weak prior (each model plays {@code priorGames} virtual drawn games against an anchor of
 * strength 1) keeps the estimate finite for models that never or always win. Strengths are
 * scaled to geometric mean 1; 95% intervals come from a seeded percentile bootstrap over votes.
 */
public final class BradleyTerry {

    private final double priorGames;
    private final int bootstrapSamples;
    private final long seed;

    /**
     * @param priorGames virtual drawn games per model against the anchor (default 1; 0 = plain MLE)
     * @param bootstrapSamples resamples for the intervals (default 200; 0 = no intervals)
     * @param seed bootstrap seed
     */
    public BradleyTerry(double priorGames, int bootstrapSamples, long seed) {
        if (priorGames < 0 || bootstrapSamples < 0) {
            throw new IllegalArgumentException("priorGames and bootstrapSamples must be ≥ 0");
        }
        this.priorGames = priorGames;
        this.bootstrapSamples = bootstrapSamples;
        this.seed = seed;
    }

    public static BradleyTerry defaults() {
        return new BradleyTerry(1, 200, 0);
    }

    /** One model's fitted strength. */
    public record Strength(String model, double strength, double lower95, double upper95, double wins, double losses,
            int ties, int comparisons) {

        /** Elo-style rating: 1000 + 400·log₁₀ π. */
        public double elo() {
            return 1000 + 400 * Math.log10(strength);
        }
    }

    /** Fits every model that appears in a non-skipped comparison; strongest first. */
    public List<Strength> fit(List<Comparison> votes) {
        List<Comparison> used = votes.stream().filter(c -> c.preferred() != Comparison.Preference.SKIP).toList();
        List<String> models = new ArrayList<>(new TreeSet<>(used.stream()
                .flatMap(c -> java.util.stream.Stream.of(c.modelA(), c.modelB())).toList()));
        if (models.isEmpty()) {
            return List.of();
        }
        int[][] pairs = encode(used, models);
        double[] strength = estimate(pairs, models.size());
        double[][] boot = new double[models.size()][bootstrapSamples];
        Random random = new Random(seed);
        for (int b = 0; b < bootstrapSamples; b++) {
            int[][] resampled = new int[pairs.length][];
            for (int k = 0; k < pairs.length; k++) {
                resampled[k] = pairs[random.nextInt(pairs.length)];
            }
            double[] s = estimate(resampled, models.size());
            for (int i = 0; i < s.length; i++) {
                boot[i][b] = s[i];
            }
        }
        List<Strength> out = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            double[] sorted = boot[i].clone();
            Arrays.sort(sorted);
            double lo = bootstrapSamples == 0 ? Double.NaN : SpeedBenchmark.percentile(sorted, 0.025);
            double hi = bootstrapSamples == 0 ? Double.NaN : SpeedBenchmark.percentile(sorted, 0.975);
            out.add(tally(models.get(i), i, strength[i], lo, hi, pairs));
        }
        out.sort((x, y) -> Double.compare(y.strength(), x.strength()));
        return out;
    }

    /** Rows {winnerIndex, loserIndex, isTie} per vote; for a tie the order is A, B. */
    private static int[][] encode(List<Comparison> votes, List<String> models) {
        int[][] out = new int[votes.size()][];
        for (int k = 0; k < votes.size(); k++) {
            Comparison c = votes.get(k);
            int a = models.indexOf(c.modelA());
            int b = models.indexOf(c.modelB());
            out[k] = switch (c.preferred()) {
                case A -> new int[] {a, b, 0};
                case B -> new int[] {b, a, 0};
                default -> new int[] {a, b, 1};
            };
        }
        return out;
    }

    /** MM iterations to a fixed point; returns strengths with geometric mean 1. */
    double[] estimate(int[][] votes, int n) {
        double[] wins = new double[n];
        double[][] games = new double[n][n];
        for (int[] v : votes) {
            double w = v[2] == 1 ? 0.5 : 1;
            wins[v[0]] += w;
            wins[v[1]] += 1 - w;
            games[v[0]][v[1]]++;
            games[v[1]][v[0]]++;
        }
        double[] p = new double[n];
        Arrays.fill(p, 1);
        for (int iter = 0; iter < 10_000; iter++) {
            double[] next = new double[n];
            double change = 0;
            for (int i = 0; i < n; i++) {
                double denom = priorGames / (p[i] + 1); // virtual draws against the anchor π = 1
                for (int j = 0; j < n; j++) {
                    if (games[i][j] > 0) {
                        denom += games[i][j] / (p[i] + p[j]);
                    }
                }
                double w = wins[i] + priorGames / 2;
                next[i] = denom == 0 ? p[i] : Math.max(w / denom, 1e-12);
                change = Math.max(change, Math.abs(Math.log(next[i] / p[i])));
            }
            p = next;
            if (change < 1e-10) {
                break;
            }
        }
        double logMean = Arrays.stream(p).map(Math::log).average().orElse(0);
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(Math.log(p[i]) - logMean);
        }
        return p;
    }

    private static Strength tally(String model, int i, double strength, double lo, double hi, int[][] votes) {
        double wins = 0;
        double losses = 0;
        int ties = 0;
        int games = 0;
        for (int[] v : votes) {
            if (v[0] != i && v[1] != i) {
                continue;
            }
            games++;
            if (v[2] == 1) {
                ties++;
            } else if (v[0] == i) {
                wins++;
            } else {
                losses++;
            }
        }
        return new Strength(model, strength, lo, hi, wins, losses, ties, games);
    }
}
