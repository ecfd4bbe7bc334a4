/**
 * Small view helpers shared by the pages: icons ({@code Icons}) and image conversion for
 * JavaFX ({@code Images}).
 *
 * <p>May use: JavaFX, Ikonli and the JDK; no other app package, never the engine.
 */
package com.pokegen.app.view;
