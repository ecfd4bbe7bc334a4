/**
 * Export of PokéGen pipeline folders to self-contained diffusers folders ({@link
 * com.pokegen.engine.export.Exporter}): the bundled ONNX MiniLM text encoder is converted to
 * transformers' {@code BertModel} weights by a small protobuf wire-format reader (no protobuf
 * dependency) and written with a {@code BertTokenizerFast} folder. The sub-package
 * {@code export.onnx} writes ONNX files (UNet, VAE decoder, MiniLM) and runs them with ONNX Runtime.
 *
 * <p>May use: {@code io}, {@code model..} and {@code pipeline}; only {@code cli} uses it.
 */
package com.pokegen.engine.export;
