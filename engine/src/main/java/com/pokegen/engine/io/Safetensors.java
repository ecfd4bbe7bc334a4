package com.pokegen.engine.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the safetensors format: 8-byte little-endian header length, a JSON header
 * {name: {dtype, shape, data_offsets}}, then the raw little-endian data.
 */
public final class Safetensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {}

    /** Loads every tensor of a file into {@code manager}, keyed by name, in header order. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > 100_000_000L || 8 + headerLen > ch.size()) {
                throw new IOException(file + ": invalid safetensors header length " + headerLen);
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8, file);
            JsonNode root = JSON.readTree(header.array());
            long dataStart = 8 + headerLen;
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode t = e.getValue();
                DataType dt = dtype(t.get("dtype").asText(), file, e.getKey());
                long[] dims = new long[t.get("shape").size()];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = t.get("shape").get(i).asLong();
                }
                long begin = t.get("data_offsets").get(0).asLong();
                long end = t.get("data_offsets").get(1).asLong();
                ByteBuffer data = ByteBuffer.allocateDirect((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, data, dataStart + begin, file);
                data.flip();
                out.put(e.getKey(), manager.create(data, new Shape(dims), dt));
            }
            return out;
        }
    }

    private static DataType dtype(String name, Path file, String tensor) throws IOException {
        switch (name) {
            case "F32": return DataType.FLOAT32;
            case "F16": return DataType.FLOAT16;
            case "BF16": return DataType.BFLOAT16;
            case "I64": return DataType.INT64;
            case "I32": return DataType.INT32;
            case "U8": return DataType.UINT8;
            case "BOOL": return DataType.BOOLEAN;
            default: throw new IOException(file + ": tensor '" + tensor + "' has unsupported dtype " + name);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException(file + ": file is truncated");
            }
            pos += n;
        }
    }
}
