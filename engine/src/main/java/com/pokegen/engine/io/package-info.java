/**
 * Storage: safetensors reading ({@link com.pokegen.engine.io.SafetensorsFile}: validated header,
 * memory-mapped tensor-by-tensor loading) and writing ({@link com.pokegen.engine.io.SafetensorsWriter}),
 * diffusers/transformers folder layout ({@link com.pokegen.engine.io.ModelIndex},
 * {@link com.pokegen.engine.io.ComponentFolder}), checkpoint-vs-model key checks
 * ({@link com.pokegen.engine.io.KeyCheck}) and crash-safe writes ({@link com.pokegen.engine.io.AtomicFiles}).
 *
 * <p>Every file a user can hand us is untrusted: malformed input fails with an
 * {@link java.io.IOException} naming the file, the tensor or field, and the fix; never with an
 * unchecked exception, a native crash or an attempt to allocate what a header claims.
 *
 * <p>May use: the JDK and Jackson only; it is the lowest layer and depends on no other engine package.
 */
package com.pokegen.engine.io;
