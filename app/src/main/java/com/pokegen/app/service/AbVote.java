package com.pokegen.app.service;

/** A human's choice between the two images of an {@link AbPair}. */
public enum AbVote {
    LEFT, RIGHT, SKIP
}
