package com.pokegen.engine.data.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.model.nn.FloatTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feature files in the safetensors layout (8-byte little-endian header length, JSON header
 * with dtype/shape/data_offsets and {@code __metadata__}, then little-endian data) in F32, F16
 * or BF16, so {@code com.pokegen.engine.io.Safetensors.read} and Python's safetensors open them.
 */
public final class SafetensorsPayloads implements FeaturePayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void write(Path file, Map<String, FloatTensor> tensors, String dtype, Map<String, String> metadata)
            throws IOException {
        String code = code(dtype);
        int width = code.equals("F32") ? 4 : 2;
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, FloatTensor> e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", code);
            for (long d : e.getValue().shape()) {
                t.withArray("shape").add(d);
            }
            long size = (long) e.getValue().data().length * width;
            t.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // data starts 8-byte aligned, as the reference writer does
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            buf.put((byte) ' ');
        }
        for (FloatTensor t : tensors.values()) {
            for (float v : t.data()) {
                switch (code) {
                    case "F32": buf.putFloat(v); break;
                    case "F16": buf.putShort(HalfFloats.toHalf(v)); break;
                    default: buf.putShort(HalfFloats.toBfloat16(v));
                }
            }
        }
        AtomicFiles.writeBytes(file, buf.array());
    }

    @Override
    public Map<String, FloatTensor> read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = buf.getLong();
        if (headerLen <= 0 || 8 + headerLen > buf.capacity()) {
            throw new IOException(file + ": invalid safetensors header length " + headerLen + "; delete the cache folder to rebuild it");
        }
        JsonNode header = JSON.readTree(new String(buf.array(), 8, (int) headerLen, StandardCharsets.UTF_8));
        int dataStart = (int) (8 + headerLen);
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = e.getValue();
            long[] shape = new long[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asLong();
            }
            String code = t.get("dtype").asText();
            int begin = dataStart + t.get("data_offsets").get(0).asInt();
            int end = dataStart + t.get("data_offsets").get(1).asInt();
            int width = code.equals("F32") ? 4 : 2;
            float[] data = new float[(end - begin) / width];
            for (int i = 0; i < data.length; i++) {
                int pos = begin + i * width;
                switch (code) {
                    case "F32": data[i] = buf.getFloat(pos); break;
                    case "F16": data[i] = HalfFloats.fromHalf(buf.getShort(pos)); break;
                    case "BF16": data[i] = HalfFloats.fromBfloat16(buf.getShort(pos)); break;
                    default: throw new IOException(file + ": tensor '" + e.getKey() + "' has dtype " + code
                            + ", the feature cache stores F32, F16 or BF16");
                }
            }
            out.put(e.getKey(), new FloatTensor(shape, data));
        }
        return out;
    }

    private static String code(String dtype) {
        switch (dtype) {
            case "float32": return "F32";
            case "float16": return "F16";
            case "bfloat16": return "BF16";
            default: throw new IllegalArgumentException("dtype must be one of " + FeatureKey.DTYPES + ", got " + dtype);
        }
    }
}
