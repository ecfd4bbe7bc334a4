package com.pokegen.engine.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An open safetensors file whose header has been read and validated but whose tensors have
 * not: loaders can compare names and shapes with a model before allocating anything, then
 * load tensors one by one.
 *
 * <p>Each tensor is read through a read-only memory map of its own byte range and copied once,
 * straight into the new array's native (libtorch) memory, so a multi-gigabyte checkpoint never
 * passes through the Java heap and the returned arrays do not depend on the file afterwards
 * (they may be modified in place; the file may be deleted). BF16 and I16 tensors load widened
 * to FLOAT32 and INT32 (see {@link SafetensorsDtype}).
 *
 * <pre>{@code
 * try (SafetensorsFile f = SafetensorsFile.open(path)) {
 *     TensorInfo w = f.info("conv_in.weight");   // dtype, shape; nothing allocated
 *     NDArray a = f.load("conv_in.weight", manager);
 * }
 * }</pre>
 */
public final class SafetensorsFile implements Closeable {

    /** Direct buffers handed to libtorch are indexed by int. */
    private static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE;

    private final Path path;
    private final FileChannel channel;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path path, FileChannel channel, SafetensorsHeader header) {
        this.path = path;
        this.channel = channel;
        this.header = header;
    }

    /** Opens {@code file} and validates its header (see {@link SafetensorsHeader} for the rules). */
    public static SafetensorsFile open(Path file) throws IOException {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IOException(file + ": safetensors data is little-endian; this platform is not");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new SafetensorsFile(file, channel, SafetensorsHeader.read(channel, file));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Tensor names in header order. */
    public List<String> names() {
        return List.copyOf(header.tensors.keySet());
    }

    public boolean contains(String name) {
        return header.tensors.containsKey(name);
    }

    /** Dtype, shape and byte range of one tensor. */
    public TensorInfo info(String name) {
        TensorInfo info = header.tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException(path + ": no tensor named '" + name + "' (the file has "
                    + header.tensors.size() + " tensors)");
        }
        return info;
    }

    /** Every tensor's info, in header order (unmodifiable). */
    public Map<String, TensorInfo> infos() {
        return header.tensors;
    }

    /** The {@code __metadata__} string map (empty when the file has none; unmodifiable). */
    public Map<String, String> metadata() {
        return header.metadata;
    }

    /** Reads one tensor into a new array owned by {@code manager} (of type {@code info(name).dtype().loadedType()}). */
    public NDArray load(String name, NDManager manager) throws IOException {
        TensorInfo info = info(name);
        SafetensorsDtype dtype = info.dtype();
        if (info.elementCount() * dtype.loadedType().getNumOfBytes() > MAX_TENSOR_BYTES) {
            throw SafetensorsFormatException.of(path, name, info.byteLength()
                    + " bytes: tensors larger than 2 GiB are not supported");
        }
        long position = header.dataStart + info.begin();
        if (channel.size() < position + info.byteLength()) {
            throw SafetensorsFormatException.of(path, name, "the file shrank after it was opened");
        }
        NDArray array = manager.create(info.shape(), dtype.loadedType()); // uninitialised libtorch memory
        array.setName(name);
        if (info.elementCount() == 0) {
            return array;
        }
        try {
            ByteBuffer source = channel.map(FileChannel.MapMode.READ_ONLY, position, info.byteLength())
                    .order(ByteOrder.LITTLE_ENDIAN);
            // A fresh contiguous CPU array: its direct buffer aliases libtorch's memory, so this is the only copy.
            ByteBuffer target = array.toByteBuffer(true).order(ByteOrder.LITTLE_ENDIAN);
            if (target.remaining() != info.elementCount() * dtype.loadedType().getNumOfBytes()) {
                throw new IllegalStateException("array buffer of " + target.remaining() + " bytes for " + info);
            }
            copy(dtype, source, target);
            return array;
        } catch (IOException | RuntimeException e) {
            array.close();
            throw e;
        }
    }

    private static void copy(SafetensorsDtype dtype, ByteBuffer source, ByteBuffer target) {
        if (!dtype.isWidened()) {
            target.put(source);
            return;
        }
        ShortBuffer from = source.asShortBuffer();
        IntBuffer to = target.asIntBuffer();
        int n = from.remaining();
        if (dtype == SafetensorsDtype.BF16) {
            for (int i = 0; i < n; i++) {
                to.put(i, Bfloat16.toFloatBits(from.get(i)));
            }
        } else { // I16 -> INT32, sign-extended
            for (int i = 0; i < n; i++) {
                to.put(i, from.get(i));
            }
        }
    }

    /** Reads every tensor, in header order. On failure the arrays already made are closed. */
    public Map<String, NDArray> loadAll(NDManager manager) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try {
            for (String name : header.tensors.keySet()) {
                out.put(name, load(name, manager));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            closeAll(new ArrayList<>(out.values()));
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static void closeAll(List<NDArray> arrays) {
        for (NDArray a : arrays) {
            a.close();
        }
    }
}
