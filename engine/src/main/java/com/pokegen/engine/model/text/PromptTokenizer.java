package com.pokegen.engine.model.text;

import java.util.List;

/** Turns prompts into fixed-length id rows for a text encoder. */
public interface PromptTokenizer extends AutoCloseable {

    /** Tokenizes, adds special tokens, truncates and pads every prompt to {@link #maxLength()}. */
    TokenizedBatch tokenize(List<String> prompts);

    /** The fixed row length L (CLIP: 77). */
    int maxLength();

    /** Frees native resources, if any. */
    @Override
    void close();
}
