package com.pokegen.app.training;

/** What the dashboard knows about the open run. */
public enum RunStatus {
    NO_RUN("No run open"),
    WAITING("Waiting for events"),
    STARTING("Starting…"),
    STOPPING("Stopping…"),
    RUNNING("Running"),
    FINISHED("Finished"),
    STOPPED("Stopped"),
    FAILED("Failed");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
