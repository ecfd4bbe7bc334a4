package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every network block in the engine.
 *
 * <p>Why not plain {@link AbstractBlock}: DJL prefixes child names with a counter ({@code
 * 01resnets}), while our checkpoints must use diffusers' names exactly ({@code
 * down_blocks.0.resnets.1.conv1.weight}). A {@code Module} keeps its children and parameters
 * under their checkpoint names (see {@link StateDict}) and still registers them with DJL, so
 * DJL's initialisation, casting and parameter listing keep working.
 *
 * <p>Parameters have explicit shapes from the config, so {@link #initialize} needs no input
 * shapes. Subclasses expose typed {@code forward(...)} methods; {@link #forwardInternal} is only
 * a bridge for DJL callers.
 */
public abstract class Module extends AbstractBlock {

    private final Map<String, Block> namedChildren = new LinkedHashMap<>();
    private final Map<String, Parameter> namedParameters = new LinkedHashMap<>();

    /** Registers a child under its checkpoint name (the segment between dots). */
    protected <B extends Module> B child(String name, B block) {
        if (namedChildren.containsKey(name) || namedParameters.containsKey(name)) {
            throw new IllegalArgumentException("duplicate child name " + name);
        }
        addChildBlock(name, block);
        namedChildren.put(name, block);
        return block;
    }

    /** Creates and registers a parameter with a fixed shape and initializer. */
    protected Parameter param(String name, Shape shape, Initializer initializer) {
        if (namedChildren.containsKey(name) || namedParameters.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter name " + name);
        }
        Parameter p =
                addParameter(
                        Parameter.builder()
                                .setName(name)
                                .setType(Parameter.Type.OTHER)
                                .optShape(shape)
                                .optInitializer(initializer)
                                .build());
        namedParameters.put(name, p);
        return p;
    }

    /** Children by checkpoint name, in registration order. */
    public Map<String, Block> namedChildren() {
        return Collections.unmodifiableMap(namedChildren);
    }

    /** This block's own parameters by checkpoint name, in registration order. */
    public Map<String, Parameter> namedParameters() {
        return Collections.unmodifiableMap(namedParameters);
    }

    /** Allocates every parameter (shapes are known from the config). */
    public Module initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32);
        return this;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        for (Block b : namedChildren.values()) {
            b.initialize(manager, dataType, shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " computes shapes in its typed forward method");
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + ": call its typed forward(...) method");
    }
}
