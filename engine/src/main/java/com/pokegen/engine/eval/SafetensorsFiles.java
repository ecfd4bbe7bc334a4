package com.pokegen.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minimal safetensors writer and float64 reader for evaluation artefacts (statistics, small
 * encoders). {@code io.Safetensors} reads engine tensors but not F64; statistics need F64.
 * Writes go to a temporary file renamed into place.
 */
final class SafetensorsFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tensor to write: dtype "F32" (data float[]) or "F64" (data double[]). */
    record Tensor(String dtype, long[] shape, Object data) {
        int byteSize() {
            return data instanceof double[] d ? d.length * 8 : ((float[]) data).length * 4;
        }
    }

    private SafetensorsFiles() {}

    static void write(Path file, Map<String, String> metadata, Map<String, Tensor> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", e.getValue().dtype());
            var shape = t.putArray("shape");
            for (long s : e.getValue().shape()) {
                shape.add(s);
            }
            t.putArray("data_offsets").add(offset).add(offset + e.getValue().byteSize());
            offset += e.getValue().byteSize();
        }
        byte[] headerBytes = padded(JSON.writeValueAsBytes(header));
        Path tmp = tempSibling(file);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
            out.write(headerBytes);
            for (Tensor t : tensors.values()) {
                ByteBuffer buf = ByteBuffer.allocate(t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
                if (t.data() instanceof double[] d) {
                    buf.asDoubleBuffer().put(d);
                } else {
                    buf.asFloatBuffer().put((float[]) t.data());
                }
                out.write(buf.array());
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        moveAtomically(tmp, file);
    }

    /** Header metadata of a file. */
    static Map<String, String> metadata(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode meta = header(Files.readAllBytes(file), file).path("__metadata__");
        meta.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Reads one F64 tensor. */
    static double[] readF64(Path file, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        JsonNode h = header(bytes, file);
        JsonNode t = h.get(name);
        if (t == null || !"F64".equals(t.path("dtype").asText())) {
            throw new IOException(file + ": no F64 tensor '" + name + "'");
        }
        long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long begin = 8 + headerLen + t.get("data_offsets").get(0).asLong();
        long end = 8 + headerLen + t.get("data_offsets").get(1).asLong();
        if (end > bytes.length || (end - begin) % 8 != 0) {
            throw new IOException(file + ": tensor '" + name + "' lies outside the file (truncated?)");
        }
        double[] out = new double[(int) ((end - begin) / 8)];
        ByteBuffer.wrap(bytes, (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }

    private static JsonNode header(byte[] bytes, Path file) throws IOException {
        if (bytes.length < 8) {
            throw new IOException(file + ": too short for a safetensors file");
        }
        long len = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (len <= 0 || 8 + len > bytes.length) {
            throw new IOException(file + ": invalid safetensors header length " + len);
        }
        return JSON.readTree(new String(bytes, 8, (int) len, StandardCharsets.UTF_8));
    }

    /** The format asks for an 8-byte aligned data section; pad the JSON with spaces. */
    private static byte[] padded(byte[] json) {
        int len = (json.length + 7) / 8 * 8;
        byte[] out = new byte[len];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < len; i++) {
            out[i] = ' ';
        }
        return out;
    }

    static Path tempSibling(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    }

    static void moveAtomically(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
