/**
 * Text conditioning: the {@link com.pokegen.engine.model.text.TextEncoder} interface and its
 * implementations (CLIP and BERT in DJL, MiniLM through ONNX Runtime), their configs and
 * transformer layers, and the tokenizers (CLIP BPE, Hugging Face tokenizers) that feed them.
 *
 * <p>May use: {@code model.nn} and {@code io}.
 */
package com.pokegen.engine.model.text;
