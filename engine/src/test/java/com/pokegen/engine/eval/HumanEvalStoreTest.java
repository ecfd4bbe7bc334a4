package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumanEvalStoreTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-25T10:15:30.123Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void recordsListsAndPersists() throws IOException {
        Path db = dir.resolve("human.sqlite");
        try (HumanEvalStore s = HumanEvalStore.open(db, FIXED)) {
            Comparison c = s.record("a red dragon", "img/1.png", "img/2.png", "teacher@50", "student@1",
                    Comparison.Preference.B, "ana");
            assertEquals(1, c.id());
            assertEquals(FIXED.instant(), c.time());
            s.record("a red dragon", "img/3.png", "img/4.png", "teacher@50", "student@4", Comparison.Preference.TIE, "bo");
        }
        try (HumanEvalStore s = HumanEvalStore.open(db)) {
            List<Comparison> all = s.list();
            assertEquals(2, all.size());
            assertEquals(Comparison.Preference.TIE, all.get(1).preferred());
            assertEquals("student@4", all.get(1).modelB());
        }
        assertThrows(IllegalArgumentException.class,
                () -> new Comparison(0, "p", "a", "b", "m", "m", Comparison.Preference.A, "r", Instant.EPOCH));
    }

    @Test
    void csvRoundTripsAwkwardPrompts() throws IOException {
        List<String> prompts = List.of("plain", "commas, and more, commas", "she said \"hi\"", "two\nlines\r\nand CRLF",
                "<script>alert('x')</script> & \"\",", "");
        Path csv = dir.resolve("out/votes.csv");
        try (HumanEvalStore s = HumanEvalStore.open(dir.resolve("h.sqlite"), FIXED)) {
            for (String p : prompts) {
                s.record(p, "a,1.png", "b\"2.png", "teacher", "student", Comparison.Preference.A, "rater, one");
            }
            s.exportCsv(csv);
            assertEquals(s.list(), HumanEvalStore.readCsv(csv));
        }
        String text = Files.readString(csv);
        assertTrue(text.startsWith("id,prompt,image_a,image_b,model_a,model_b,preferred,rater,time\r\n"), text);
        assertTrue(text.contains("\"she said \"\"hi\"\"\""), text);
        assertTrue(text.contains("2,\"commas, and more, commas\",\"a,1.png\",\"b\"\"2.png\",teacher,student,a,\"rater, one\","
                + "2026-11-25T10:15:30.123Z\r\n"), text);
        try (var files = Files.list(csv.getParent())) {
            assertEquals(1, files.count(), "the temporary file is renamed away");
        }
    }

    @Test
    void concurrentWritersFromTwoStoresLoseNothing() throws Exception {
        Path db = dir.resolve("shared.sqlite");
        try (HumanEvalStore s1 = HumanEvalStore.open(db); HumanEvalStore s2 = HumanEvalStore.open(db)) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                HumanEvalStore store = t % 2 == 0 ? s1 : s2;
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        store.record("p" + thread + "-" + i, "a", "b", "m1", "m2", Comparison.Preference.A, "r" + thread);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            List<Comparison> all = s1.list();
            assertEquals(240, all.size());
            assertEquals(240, all.stream().map(Comparison::id).collect(Collectors.toSet()).size());
            assertEquals(240, new HashSet<>(all.stream().map(Comparison::prompt).toList()).size());
        }
    }

    @Test
    void bradleyTerryRecoversKnownStrengths() throws IOException {
        Map<String, Double> truth = Map.of("teacher@50", 4.0, "student@4", 2.0, "student@2", 1.0, "student@1", 0.5);
        List<String> models = new ArrayList<>(truth.keySet());
        models.sort(null);
        Random rnd = new Random(3);
        try (HumanEvalStore s = HumanEvalStore.open(dir.resolve("bt.sqlite"), FIXED)) {
            List<Comparison> votes = new ArrayList<>();
            for (int k = 0; k < 3000; k++) {
                int i = rnd.nextInt(4);
                int j = (i + 1 + rnd.nextInt(3)) % 4;
                double pi = truth.get(models.get(i));
                double pj = truth.get(models.get(j));
                double u = rnd.nextDouble();
                Comparison.Preference p = u < 0.05 ? Comparison.Preference.SKIP
                        : rnd.nextDouble() < pi / (pi + pj) ? Comparison.Preference.A : Comparison.Preference.B;
                votes.add(new Comparison(0, "p", "a", "b", models.get(i), models.get(j), p, "r" + k % 7, Instant.EPOCH));
            }
            assertEquals(3000, s.importAll(votes));
            List<BradleyTerry.Strength> fit = s.bradleyTerry();
            assertEquals(List.of("teacher@50", "student@4", "student@2", "student@1"),
                    fit.stream().map(BradleyTerry.Strength::model).toList());
            Map<String, Double> est = fit.stream().collect(Collectors.toMap(BradleyTerry.Strength::model,
                    BradleyTerry.Strength::strength));
            assertEquals(2.0, est.get("teacher@50") / est.get("student@4"), 0.2);
            assertEquals(8.0, est.get("teacher@50") / est.get("student@1"), 0.8);
            double geo = Math.pow(4.0 * 2 * 1 * 0.5, 0.25); // truth scaled to geometric mean 1 like the fit
            int covered = 0;
            for (BradleyTerry.Strength st : fit) {
                assertTrue(st.lower95() < st.strength() && st.strength() < st.upper95(), st.toString());
                double t = truth.get(st.model()) / geo;
                covered += st.lower95() <= t && t <= st.upper95() ? 1 : 0;
            }
            assertTrue(covered >= 3, "95% intervals covered the truth for only " + covered + " of 4 models");
            assertEquals(1000 + 400 * Math.log10(est.get("student@2")), fit.get(2).elo(), 1e-9);
        }
    }

    @Test
    void mmMatchesTwoModelClosedForm() {
        // two models, A wins 30 of 40, no prior: π_A/π_B = 30/10, geometric mean 1 → π_A = √3
        List<Comparison> votes = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            votes.add(new Comparison(k, "p", "a", "b", "A", "B", k < 30 ? Comparison.Preference.A : Comparison.Preference.B,
                    "r", Instant.EPOCH));
        }
        votes.add(new Comparison(99, "p", "a", "b", "A", "B", Comparison.Preference.SKIP, "r", Instant.EPOCH));
        List<BradleyTerry.Strength> fit = new BradleyTerry(0, 0, 0).fit(votes);
        assertEquals(Math.sqrt(3), fit.get(0).strength(), 1e-8);
        assertEquals(30, fit.get(0).wins(), 0);
        assertEquals(40, fit.get(0).comparisons());
        // a tie is half a win each: 30.5 vs 10.5
        votes.add(new Comparison(100, "p", "a", "b", "A", "B", Comparison.Preference.TIE, "r", Instant.EPOCH));
        assertEquals(Math.sqrt(30.5 / 10.5), new BradleyTerry(0, 0, 0).fit(votes).get(0).strength(), 1e-8);
    }
}
