/**
 * The studio's entry points and composition root: {@code Main} (launcher), {@code StudioApp}
 * (the JavaFX {@code Application}), {@code Studio} (the window) and {@code StudioServices}, which
 * builds the engine adapters and hands them to the view models through their constructors.
 *
 * <p>May use: every app package; the engine only through {@code service.engine} (rules:
 * {@code AppArchitectureTest}).
 */
package com.pokegen.app;
