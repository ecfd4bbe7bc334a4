package com.pokegen.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The PokéGen Studio desktop application (views arrive with the app issue). */
public final class StudioApp extends Application {

    @Override
    public void start(Stage stage) {
        BorderPane root = new BorderPane(new Label("PokéGen Studio"));
        stage.setTitle("PokéGen Studio");
        stage.setScene(new Scene(root, 1100, 720));
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
