/**
 * Dialogs behind an interface ({@code DialogService}, its JavaFX {@code FxDialogService}) and
 * user-facing error messages ({@code ErrorMessages}), so view models can be tested without windows.
 *
 * <p>May use: JavaFX and the JDK; no other app package, never the engine.
 */
package com.pokegen.app.dialog;
