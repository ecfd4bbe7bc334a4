package com.pokegen.engine.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes the safetensors format the way huggingface's {@code safetensors} library does:
 * tensors laid out by descending dtype alignment then name, header
 * {@code {"__metadata__":{...},name:{"dtype","shape","data_offsets"},...}} in that order,
 * padded with spaces to a multiple of 8 bytes, then the raw little-endian data. The file is
 * written atomically (see {@link AtomicFiles}); tensors stream from native memory to disk.
 *
 * <pre>{@code
 * SafetensorsWriter.builder().optDtype(DataType.FLOAT16).optMetadata(Map.of("format", "pt"))
 *         .build().write(path, tensors);
 * }</pre>
 */
public final class SafetensorsWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private static final int CHUNK_ELEMENTS = 1 << 18;

    private final SafetensorsDtype storageType;
    private final Map<String, String> metadata;

    private SafetensorsWriter(Builder b) {
        this.storageType = b.dtype == null ? null : Builder.storage(b.dtype);
        this.metadata = Collections.unmodifiableMap(new TreeMap<>(b.metadata));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Writes {@code tensors} to {@code file}, replacing it atomically. */
    public void write(Path file, Map<String, NDArray> tensors) throws IOException {
        List<Entry> entries = prepare(file, tensors);
        byte[] header = header(entries);
        AtomicFiles.writeChannel(file, channel -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
            writeFully(channel, length);
            writeFully(channel, ByteBuffer.wrap(header));
            for (Entry e : entries) {
                writeTensor(channel, e);
            }
        });
    }

    /** Validates names and dtypes and sorts like the reference writer (see class doc). */
    private List<Entry> prepare(Path file, Map<String, NDArray> tensors) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, NDArray> t : tensors.entrySet()) {
            String name = Objects.requireNonNull(t.getKey(), "tensor name");
            NDArray array = t.getValue();
            if (array == null || name.equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException(file + ": tensor '" + name + "' is null or uses the reserved name");
            }
            DataType type = array.getDataType();
            SafetensorsDtype dtype = storageType != null && type.isFloating() ? storageType
                    : SafetensorsDtype.forArrayType(type).orElseThrow(() -> new IllegalArgumentException(file
                            + ": tensor '" + name + "' has type " + type + ", which this writer cannot store (supported: "
                            + SafetensorsDtype.supportedList() + ")"));
            entries.add(new Entry(name, array, dtype));
        }
        entries.sort(Comparator.comparingInt((Entry e) -> -e.dtype.rank())
                .thenComparing((a, b) -> Arrays.compareUnsigned(a.utf8(), b.utf8())));
        return entries;
    }

    private byte[] header(List<Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(SafetensorsHeader.METADATA_KEY);
                for (Map.Entry<String, String> m : metadata.entrySet()) {
                    g.writeStringField(m.getKey(), m.getValue());
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (Entry e : entries) {
                long length = e.array.getShape().size() * e.dtype.bytes(); // file bytes (2 per BF16)
                g.writeObjectFieldStart(e.name);
                g.writeStringField("dtype", e.dtype.code());
                g.writeArrayFieldStart("shape");
                for (long d : e.array.getShape().getShape()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                g.writeNumber(offset + length);
                g.writeEndArray();
                g.writeEndObject();
                offset += length;
            }
            g.writeEndObject();
        }
        int padding = (8 - bytes.size() % 8) % 8;
        bytes.write(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII));
        return bytes.toByteArray();
    }

    private static void writeTensor(FileChannel channel, Entry e) throws IOException {
        if (e.array.getShape().size() == 0) {
            return;
        }
        DataType source = e.dtype.loadedType(); // FLOAT32 for BF16, narrowed below
        NDArray converted = e.array.getDataType() == source ? e.array : e.array.toType(source, false);
        try {
            // A direct view of libtorch's memory (native order: little-endian on every supported platform).
            ByteBuffer data = converted.toByteBuffer(true).order(ByteOrder.LITTLE_ENDIAN);
            if (data.remaining() != converted.getShape().size() * source.getNumOfBytes()) {
                throw new IOException("tensor '" + e.name + "' gave " + data.remaining() + " bytes for shape "
                        + converted.getShape());
            }
            if (e.dtype == SafetensorsDtype.BF16) {
                writeBfloat16(channel, data.asFloatBuffer());
            } else {
                writeFully(channel, data);
            }
        } finally {
            if (converted != e.array) {
                converted.close();
            }
        }
    }

    /** Narrows float32 to bfloat16 chunk by chunk (DJL's libtorch binding has no BF16 arrays). */
    private static void writeBfloat16(FileChannel channel, FloatBuffer floats) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocateDirect(2 * Math.min(CHUNK_ELEMENTS, floats.remaining()))
                .order(ByteOrder.LITTLE_ENDIAN);
        while (floats.hasRemaining()) {
            chunk.clear();
            while (floats.hasRemaining() && chunk.hasRemaining()) {
                chunk.putShort(Bfloat16.fromFloatBits(Float.floatToRawIntBits(floats.get())));
            }
            writeFully(channel, chunk.flip());
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private record Entry(String name, NDArray array, SafetensorsDtype dtype) {
        byte[] utf8() {
            return name.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Options for {@link SafetensorsWriter}. */
    public static final class Builder {
        private DataType dtype;
        private Map<String, String> metadata = Map.of();

        private Builder() {}

        /**
         * Stores floating-point tensors as this type (FLOAT16 or BFLOAT16 halve the file;
         * FLOAT32 widens). Integer and boolean tensors are never converted. Default: keep
         * each tensor's own type.
         */
        public Builder optDtype(DataType storageType) {
            this.dtype = storageType;
            return this;
        }

        /** The {@code __metadata__} map (diffusers and transformers write {@code {"format": "pt"}}). Default: none. */
        public Builder optMetadata(Map<String, String> metadata) {
            this.metadata = Map.copyOf(metadata);
            return this;
        }

        private static SafetensorsDtype storage(DataType type) {
            switch (type) {
                case FLOAT16: return SafetensorsDtype.F16;
                case BFLOAT16: return SafetensorsDtype.BF16;
                case FLOAT32: return SafetensorsDtype.F32;
                case FLOAT64: return SafetensorsDtype.F64;
                default: return null;
            }
        }

        public SafetensorsWriter build() {
            if (dtype != null && storage(dtype) == null) {
                throw new IllegalArgumentException("optDtype must be FLOAT16, BFLOAT16, FLOAT32 or FLOAT64, not " + dtype);
            }
            for (String key : metadata.keySet()) {
                Objects.requireNonNull(metadata.get(key), "metadata value of " + key);
            }
            return new SafetensorsWriter(this);
        }
    }
}
