package com.pokegen.app.evaluation;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.service.AbPair;
import com.pokegen.app.service.AbVote;
import com.pokegen.app.service.EvaluationReport;
import com.pokegen.app.service.EvaluationService;
import com.pokegen.app.service.ModelRanking;
import com.pokegen.app.service.Metric;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Evaluation: the numbers of {@code report.json} as a table, its contact sheets, and a blind A/B
 * panel that records one vote per pair through the service and then shows the next pair.
 */
public final class EvaluationViewModel {

    private final EvaluationService service;
    private final TaskExecutor executor;
    private final DialogService dialogs;

    private final ObservableList<Metric> metrics = FXCollections.observableArrayList();
    private final ObservableList<Path> contactSheets = FXCollections.observableArrayList();
    private final ObservableList<Metric> metricsView = FXCollections.unmodifiableObservableList(metrics);
    private final ObservableList<Path> contactSheetsView = FXCollections.unmodifiableObservableList(contactSheets);
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<AbPair> pair = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper votes = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper voting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper abStatus = new ReadOnlyStringWrapper("Open an evaluation folder");
    private final ReadOnlyStringWrapper ranking = new ReadOnlyStringWrapper("");

    /** The next pair to vote on and the ranking so far, read together on a worker. */
    private record AbState(Optional<AbPair> next, List<ModelRanking> ranking) {
    }

    public EvaluationViewModel(EvaluationService service, TaskExecutor executor, DialogService dialogs) {
        this.service = service;
        this.executor = executor;
        this.dialogs = dialogs;
    }

    public void chooseFolder() {
        dialogs.chooseDirectory("Open an evaluation folder (with report.json)", folder.get()).ifPresent(this::open);
    }

    public void open(Path evalFolder) {
        BackgroundTask.of("Reading evaluation report", monitor -> service.readReport(evalFolder))
                .onSuccess(this::show)
                .onFailure(error -> dialogs.showError("Could not read the evaluation in " + evalFolder, error))
                .executeWith(executor);
    }

    /** Shows a folder's A/B pairs (and its report, when it has one). */
    public void openPairs(Path evalFolder) {
        BackgroundTask.of("Reading evaluation report", monitor -> Files.exists(evalFolder.resolve("report.json"))
                        ? service.readReport(evalFolder) : new EvaluationReport(evalFolder, List.of(), List.of()))
                .quiet()
                .onSuccess(this::show)
                .onFailure(error -> dialogs.showError("Could not read the evaluation in " + evalFolder, error))
                .executeWith(executor);
    }

    /** Records the vote for the pair on screen, then loads the next pair. */
    public void vote(AbVote vote) {
        AbPair current = pair.get();
        Path evalFolder = folder.get();
        if (current == null || evalFolder == null || voting.get()) {
            return;
        }
        voting.set(true);
        BackgroundTask.of("Recording vote", monitor -> {
                    service.recordVote(evalFolder, current, vote);
                    return new AbState(service.nextPair(evalFolder), service.ranking(evalFolder));
                })
                .quiet()
                .onSuccess(state -> {
                    voting.set(false);
                    votes.set(votes.get() + 1);
                    showPair(state);
                })
                .onFailure(error -> {
                    voting.set(false);
                    dialogs.showError("Could not record the vote", error);
                })
                .executeWith(executor);
    }

    private void show(EvaluationReport report) {
        folder.set(report.folder());
        metrics.setAll(report.metrics());
        contactSheets.setAll(report.contactSheets());
        votes.set(0);
        BackgroundTask.of("Loading A/B pairs",
                        monitor -> new AbState(service.nextPair(report.folder()), service.ranking(report.folder())))
                .quiet()
                .onSuccess(this::showPair)
                .onFailure(error -> dialogs.showError("Could not read the A/B pairs", error))
                .executeWith(executor);
    }

    private void showPair(AbState state) {
        Optional<AbPair> next = state.next();
        ranking.set(describe(state.ranking()));
        pair.set(next.orElse(null));
        abStatus.set(next.map(p -> "Which image fits the prompt better?")
                .orElse(votes.get() > 0 ? "All pairs voted: thank you" : "No A/B pairs waiting in this folder"));
    }

    public ObservableList<Metric> metrics() {
        return metricsView;
    }

    public ObservableList<Path> contactSheets() {
        return contactSheetsView;
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    /** The pair waiting for a vote, or null. */
    public ReadOnlyObjectProperty<AbPair> pairProperty() {
        return pair.getReadOnlyProperty();
    }

    /** Votes recorded since the folder was opened. */
    public ReadOnlyIntegerProperty votesProperty() {
        return votes.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty votingProperty() {
        return voting.getReadOnlyProperty();
    }

    /** "Ranking by votes: 1. student@1 (Elo 1120, 5 votes) · 2. ..." or empty before any vote. */
    public ReadOnlyStringProperty rankingProperty() {
        return ranking.getReadOnlyProperty();
    }

    static String describe(List<ModelRanking> models) {
        if (models.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("Ranking by votes (Bradley–Terry):");
        for (int i = 0; i < models.size(); i++) {
            ModelRanking m = models.get(i);
            text.append(i == 0 ? " " : " · ").append(i + 1).append(". ").append(m.model())
                    .append(String.format(java.util.Locale.ROOT, " (Elo %.0f, %d %s)", m.elo(), m.comparisons(),
                            m.comparisons() == 1 ? "vote" : "votes"));
        }
        return text.toString();
    }

    public ReadOnlyStringProperty abStatusProperty() {
        return abStatus.getReadOnlyProperty();
    }
}
