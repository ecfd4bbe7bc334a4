package com.pokegen.engine.eval;

import java.nio.file.Path;

/**
 * Child process of {@link HumanEvalStoreKillTest}: records votes into the store given as the
 * first argument until killed, printing each vote's id only after its insert has committed.
 */
public final class VoteWriterProcess {

    private VoteWriterProcess() {}

    public static void main(String[] args) throws Exception {
        try (HumanEvalStore store = HumanEvalStore.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            for (long i = 0; ; i++) {
                Comparison c = store.record("prompt " + i, "a/" + i + ".png", "b/" + i + ".png", "teacher@50",
                        "student@" + (1 + i % 4), i % 2 == 0 ? Comparison.Preference.A : Comparison.Preference.B, "child");
                System.out.println(c.id()); // autocommit: the insert is committed when record returns
                System.out.flush();
            }
        }
    }
}
