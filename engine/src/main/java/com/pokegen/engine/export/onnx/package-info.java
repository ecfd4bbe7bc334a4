/**
 * Deployment beyond the JVM: the UNet and VAE decoder as ONNX graphs (opset 17) written by a
 * small protobuf writer ({@link com.pokegen.engine.export.onnx.OnnxGraphBuilder}, no protobuf
 * dependency), with float32, float16 or per-channel int8 (QDQ) weights
 * ({@link com.pokegen.engine.export.onnx.WeightPrecision}); the folder writer
 * ({@link com.pokegen.engine.export.onnx.OnnxExport}) and the ONNX Runtime backend that runs it
 * through the engine's own sampling loop ({@link com.pokegen.engine.export.onnx.OnnxPipeline}).
 *
 * <p>Part of the {@code export} layer: may use {@code io}, {@code model..}, {@code schedule} and
 * {@code pipeline}; only {@code cli} (and {@code batch}) use it.
 */
package com.pokegen.engine.export.onnx;
