/**
 * Engine-free service implementations from before the engine adapters (a plain-folder dataset
 * service, local run and evaluation readers, a "not connected" generation service); to be retired
 * into test fakes (issue 13).
 *
 * <p>May use: {@code service} and the engine's {@code io.AtomicFiles}; nothing else of the engine.
 */
package com.pokegen.app.service.local;
