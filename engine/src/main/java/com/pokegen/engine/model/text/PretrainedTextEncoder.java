package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDManager;
import com.pokegen.engine.io.Checksums;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * What the BERT and CLIP text encoders share: a tokenizer, the manager holding the weights, a
 * cache id hashed once from the files they were loaded from, and closing both.
 */
abstract class PretrainedTextEncoder implements TextEncoder {

    final PromptTokenizer tokenizer;
    private final NDManager weights;
    private final Path[] hashedFiles;
    private volatile String id;

    PretrainedTextEncoder(PromptTokenizer tokenizer, NDManager weights, Path[] hashedFiles) {
        this.tokenizer = tokenizer;
        this.weights = weights;
        this.hashedFiles = hashedFiles;
    }

    /** Releases what a failed {@code open} had made: the tokenizer (if it got that far) and the weights. */
    static void closeAfterFailedOpen(PromptTokenizer tokenizer, NDManager weights) {
        if (tokenizer != null) {
            tokenizer.close();
        }
        weights.close();
    }

    /** The id's kind, e.g. {@code bert-text}. */
    abstract String idKind();

    /** What follows {@code :L<max length>} in the id (settings that change the states); empty by default. */
    String idSuffix() {
        return "";
    }

    @Override
    public int maxLength() {
        return tokenizer.maxLength();
    }

    /** {@code <kind>:<sha256 of the config, weights and tokenizer files>:L<max length><suffix>}; hashed once. */
    @Override
    public String id() {
        if (id == null) {
            try {
                id = idKind() + ":" + Checksums.fingerprint(hashedFiles) + ":L" + maxLength() + idSuffix();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot hash the text encoder's files for its cache id", e);
            }
        }
        return id;
    }

    @Override
    public void close() {
        tokenizer.close();
        weights.close();
    }
}
