/**
 * The main window: {@code MainView} (navigation between pages) and {@code MainViewModel}, and the
 * {@code Page} enumeration.
 *
 * <p>May use: {@code service}, {@code task}, {@code view} and the feature packages it shows; never
 * the engine.
 */
package com.pokegen.app.main;
