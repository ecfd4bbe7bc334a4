package com.pokegen.engine.io;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The safetensors element types this engine reads and writes, and the DJL type each loads as.
 *
 * <p>DJL 0.36's libtorch binding aborts the JVM on BFLOAT16 and INT16 arrays, so those two
 * load widened, exactly: BF16 as FLOAT32 (a bf16 is the upper half of a float32) and I16 as
 * INT32. The writer can still store floating tensors as BF16 ({@code optDtype}).
 *
 * <p>{@link #rank} is the position in the reference implementation's dtype enum
 * (huggingface/safetensors, {@code tensor.rs}): its writer lays tensors out by descending
 * rank, then by name, which keeps every tensor aligned to its element size. Ours does too.
 */
public enum SafetensorsDtype {
    BOOL("BOOL", 1, DataType.BOOLEAN, 0),
    U8("U8", 1, DataType.UINT8, 4),
    I8("I8", 1, DataType.INT8, 5),
    I16("I16", 2, DataType.INT32, 9),
    F16("F16", 2, DataType.FLOAT16, 11),
    BF16("BF16", 2, DataType.FLOAT32, 12),
    I32("I32", 4, DataType.INT32, 13),
    F32("F32", 4, DataType.FLOAT32, 15),
    F64("F64", 8, DataType.FLOAT64, 17),
    I64("I64", 8, DataType.INT64, 18);

    private final String code;
    private final int bytes;
    private final DataType loadedType;
    private final int rank;

    SafetensorsDtype(String code, int bytes, DataType loadedType, int rank) {
        this.code = code;
        this.bytes = bytes;
        this.loadedType = loadedType;
        this.rank = rank;
    }

    /** The name used in the header, e.g. {@code "F32"}. */
    public String code() {
        return code;
    }

    /** Bytes per element in the file. */
    public int bytes() {
        return bytes;
    }

    /** The DJL type of arrays loaded from this dtype (wider than the file for BF16 and I16). */
    public DataType loadedType() {
        return loadedType;
    }

    /** True when loading converts to a wider type (BF16, I16). */
    public boolean isWidened() {
        return loadedType.getNumOfBytes() != bytes;
    }

    int rank() {
        return rank;
    }

    public static Optional<SafetensorsDtype> fromCode(String code) {
        return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
    }

    /** The file dtype that stores a DJL array of {@code type} unchanged. */
    public static Optional<SafetensorsDtype> forArrayType(DataType type) {
        return Arrays.stream(values()).filter(d -> !d.isWidened() && d.loadedType == type).findFirst();
    }

    /** "BOOL, U8, ..." for error messages. */
    static String supportedList() {
        return Arrays.stream(values()).map(SafetensorsDtype::code).collect(Collectors.joining(", "));
    }
}
