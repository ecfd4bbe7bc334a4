/**
 * Tensor building blocks below every network: {@code Module} (a DJL block whose child names are
 * diffusers' parameter paths), {@code Linear}, {@code Conv2d}, {@code GroupNorm}, {@code LayerNorm},
 * {@code Embedding}, {@code ModuleList}, {@code StateDict} (load, save and compare weights by
 * checkpoint key), {@code FloatTensor} (plain-Java tensors for tests and caches) and {@code Tensors}
 * (creation and scalar-arithmetic helpers).
 *
 * <p>May use: {@code io} and DJL; no other model package.
 */
package com.pokegen.engine.model.nn;
