package com.pokegen.engine.io;

import ai.djl.ndarray.types.Shape;

/**
 * One header entry of a safetensors file: what a tensor is and where its bytes lie, known
 * before anything is allocated.
 *
 * @param begin first byte, relative to the start of the data section
 * @param end one past the last byte, relative to the start of the data section
 */
public record TensorInfo(String name, SafetensorsDtype dtype, Shape shape, long begin, long end) {

    public long byteLength() {
        return end - begin;
    }

    /** Number of elements (1 for a scalar). */
    public long elementCount() {
        return shape.size();
    }
}
