/**
 * The {@code pokegen} command line (picocli): one thin command per engine entry point (data,
 * train, distill, generate, eval, export, ship, info, demo) and a terminal progress bar.
 *
 * <p>May use: every engine package; nothing may use it.
 */
package com.pokegen.engine.cli;
