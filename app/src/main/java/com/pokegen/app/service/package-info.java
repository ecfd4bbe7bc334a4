/**
 * The services the view models depend on, as interfaces and plain records (dataset, generation,
 * runs, evaluation; requests, results, progress): what the app knows of the engine.
 *
 * <p>May use: the JDK only; never the engine, which the adapters in {@code service.engine} wrap.
 */
package com.pokegen.app.service;
