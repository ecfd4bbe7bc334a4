package com.pokegen.engine.eval.run;

/** Hears how far an evaluation is; called on the evaluating thread. */
@FunctionalInterface
public interface EvalProgress {

    EvalProgress NONE = (stage, done, total) -> { };

    /**
     * @param stage what runs now, e.g. "student, 4 steps: sampling", "speed"
     * @param done units finished in this stage
     * @param total units the stage takes
     */
    void onProgress(String stage, int done, int total);
}
