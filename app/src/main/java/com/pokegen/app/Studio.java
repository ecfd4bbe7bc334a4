package com.pokegen.app;

import com.pokegen.app.captions.CaptionTableViewModel;
import com.pokegen.app.captions.CaptionView;
import com.pokegen.app.captions.CaptionViewModel;
import com.pokegen.app.dataset.DatasetSession;
import com.pokegen.app.dataset.DatasetView;
import com.pokegen.app.dataset.DatasetViewModel;
import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.evaluation.EvaluationRunViewModel;
import com.pokegen.app.evaluation.EvaluationView;
import com.pokegen.app.evaluation.EvaluationViewModel;
import com.pokegen.app.generate.BatchRunViewModel;
import com.pokegen.app.generate.GalleryViewModel;
import com.pokegen.app.generate.GeneratePage;
import com.pokegen.app.generate.PromptViewModel;
import com.pokegen.app.main.MainView;
import com.pokegen.app.main.MainViewModel;
import com.pokegen.app.main.Page;
import com.pokegen.app.task.TaskExecutor;
import com.pokegen.app.task.UiScheduler;
import com.pokegen.app.training.TrainingView;
import com.pokegen.app.training.TrainingViewModel;
import javafx.scene.Node;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The composition root: builds every view model from the services and executors, and the views
 * on top. Tests build one with fakes; {@link StudioApp} builds one with the real services.
 */
public final class Studio {

    private final MainViewModel mainViewModel;
    private final MainView mainView;
    private final DatasetSession dataset;

    /**
     * @param work   executor for independent work (rendering, reading runs and reports)
     * @param serial executor that runs tasks one at a time in order (dataset edits must stay ordered)
     */
    public Studio(StudioServices services, TaskExecutor work, TaskExecutor serial, UiScheduler scheduler,
                  DialogService dialogs) {
        dataset = new DatasetSession(services.datasets(), serial, dialogs);
        DatasetViewModel datasetViewModel = new DatasetViewModel(dataset, dialogs);
        CaptionViewModel captionViewModel = new CaptionViewModel(dataset, scheduler);
        datasetViewModel.focusedProperty().addListener((obs, old, item) -> {
            if (item != null) {
                captionViewModel.show(item.id());
            }
        });
        TrainingViewModel trainingViewModel = new TrainingViewModel(services.runs(), work, scheduler, dialogs);
        SplittableRandom seeds = new SplittableRandom();
        PromptViewModel promptViewModel = new PromptViewModel(services.generator(), services.gallery(), work, scheduler,
                dialogs, seeds::nextLong);
        GalleryViewModel galleryViewModel = new GalleryViewModel(services.gallery(), work, dialogs,
                promptViewModel::restore, promptViewModel.saveScaleProperty()::get);
        promptViewModel.setOnKept(galleryViewModel::added);
        galleryViewModel.reload();
        BatchRunViewModel batchViewModel = new BatchRunViewModel(services.batches(), work, dialogs,
                promptViewModel.promptProperty()::get, promptViewModel.seedProperty()::get,
                promptViewModel.stepsProperty()::get);
        EvaluationViewModel evaluationViewModel = new EvaluationViewModel(services.evaluation(), work, dialogs);
        EvaluationRunViewModel evaluationRunViewModel = new EvaluationRunViewModel(services.evaluation(), work, dialogs,
                services.runsRoot().resolveSibling("evals"), evaluationViewModel::open, evaluationViewModel::openPairs);
        mainViewModel = new MainViewModel(dataset, services.generator(), List.of(work, serial), scheduler,
                MainViewModel::heapInUse, Runtime.getRuntime().maxMemory());

        Map<Page, Node> pages = new EnumMap<>(Page.class);
        pages.put(Page.DATASET, new DatasetView(datasetViewModel));
        pages.put(Page.CAPTIONS, new CaptionView(captionViewModel, new CaptionTableViewModel(dataset)));
        pages.put(Page.TRAINING, new TrainingView(trainingViewModel, dialogs, services.runsRoot()));
        pages.put(Page.GENERATE, new GeneratePage(promptViewModel, galleryViewModel, batchViewModel));
        pages.put(Page.EVALUATION, new EvaluationView(evaluationViewModel, evaluationRunViewModel));
        mainView = new MainView(mainViewModel, pages);
        dataset.reopenLast();
    }

    public MainView mainView() {
        return mainView;
    }

    public MainViewModel mainViewModel() {
        return mainViewModel;
    }

    public DatasetSession dataset() {
        return dataset;
    }
}
