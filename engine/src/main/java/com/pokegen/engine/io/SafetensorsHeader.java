package com.pokegen.engine.io;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a safetensors header: an 8-byte little-endian length N, then N bytes of
 * JSON {@code {"__metadata__": {str: str}, name: {dtype, shape, data_offsets}, ...}}, then the
 * data section. Parsing is streaming (no JSON tree), so a hostile header costs at most its own
 * size in memory, and duplicate names are caught (a tree parser keeps the last silently).
 *
 * <p>Rules, as the reference implementation enforces them: N ≤ 100 MB and inside the file;
 * known dtype; non-negative dims whose product times the element size equals
 * {@code end - begin}; offsets tile the data section exactly (no gap, no overlap, nothing
 * after the last tensor).
 */
final class SafetensorsHeader {

    static final long MAX_HEADER_BYTES = 100_000_000L;
    /** More dimensions than libtorch supports is certainly corruption. */
    static final int MAX_RANK = 64;
    static final String METADATA_KEY = "__metadata__";

    private static final JsonFactory JSON = new JsonFactory();

    final Map<String, TensorInfo> tensors;
    final Map<String, String> metadata;
    /** Absolute file position of the data section. */
    final long dataStart;

    private SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata, long dataStart) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
        this.dataStart = dataStart;
    }

    static SafetensorsHeader read(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw SafetensorsFormatException.of(file, null, "file is " + size
                    + " bytes, too short for the 8-byte header length: truncated or not a safetensors file");
        }
        ByteBuffer lengthField = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthField, 0, file);
        long headerLength = lengthField.flip().getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw SafetensorsFormatException.of(file, null, "header length field says " + headerLength
                    + " bytes (must be 2.." + MAX_HEADER_BYTES + "): corrupt or not a safetensors file");
        }
        if (headerLength > size - 8) {
            throw SafetensorsFormatException.of(file, null, "header length " + headerLength
                    + " runs past the end of the file (" + size + " bytes): the file is truncated");
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLength);
        readFully(channel, header, 8, file);
        long dataStart = 8 + headerLength;
        return parse(header.array(), file, dataStart, size - dataStart);
    }

    static SafetensorsHeader parse(byte[] json, Path file, long dataStart, long dataLength) throws IOException {
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, file, null, "the header must be a JSON object");
            boolean sawMetadata = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                boolean isMetadata = name.equals(METADATA_KEY);
                if (tensors.containsKey(name) || (isMetadata && sawMetadata)) {
                    throw SafetensorsFormatException.of(file, name, "the name appears twice in the header");
                }
                p.nextToken();
                if (isMetadata) {
                    sawMetadata = true;
                    readMetadata(p, file, metadata);
                } else {
                    tensors.put(name, readEntry(p, file, name, dataLength));
                }
            }
            expect(p, p.currentToken(), JsonToken.END_OBJECT, file, null, "the header JSON is malformed");
            if (p.nextToken() != null) {
                throw SafetensorsFormatException.of(file, null, "unexpected content after the header's JSON object");
            }
        } catch (SafetensorsFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Jackson's own errors (bad syntax, bad UTF-8, nesting limits) on untrusted bytes.
            throw new SafetensorsFormatException(
                    SafetensorsFormatException.where(file, null) + "header is not valid JSON: " + e.getMessage(), e);
        }
        checkTiling(tensors, file, dataLength);
        return new SafetensorsHeader(tensors, metadata, dataStart);
    }

    private static void readMetadata(JsonParser p, Path file, Map<String, String> out) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT, file, METADATA_KEY, "must be an object of strings");
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (!seen.add(key)) {
                throw SafetensorsFormatException.of(file, null, "__metadata__ key '" + key + "' appears twice");
            }
            JsonToken value = p.nextToken();
            if (value != JsonToken.VALUE_STRING) {
                throw SafetensorsFormatException.of(file, null,
                        "__metadata__ value of '" + key + "' must be a string, found " + value);
            }
            out.put(key, p.getText());
        }
    }

    private static TensorInfo readEntry(JsonParser p, Path file, String name, long dataLength) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT, file, name, "entry must be an object {dtype, shape, data_offsets}");
        String dtypeCode = null;
        long[] dims = null;
        long[] offsets = null;
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (!seen.add(field)) {
                throw SafetensorsFormatException.of(file, name, "field '" + field + "' appears twice");
            }
            JsonToken value = p.nextToken();
            switch (field) {
                case "dtype":
                    expect(p, value, JsonToken.VALUE_STRING, file, name, "dtype must be a string");
                    dtypeCode = p.getText();
                    break;
                case "shape":
                    dims = readLongs(p, file, name, "shape", MAX_RANK);
                    break;
                case "data_offsets":
                    offsets = readLongs(p, file, name, "data_offsets", 2);
                    break;
                default:
                    p.skipChildren(); // unknown fields are tolerated, as the reference reader does
            }
        }
        if (dtypeCode == null || dims == null || offsets == null) {
            throw SafetensorsFormatException.of(file, name, "entry lacks "
                    + (dtypeCode == null ? "dtype" : dims == null ? "shape" : "data_offsets"));
        }
        return validateEntry(file, name, dtypeCode, dims, offsets, dataLength);
    }

    private static TensorInfo validateEntry(
            Path file, String name, String dtypeCode, long[] dims, long[] offsets, long dataLength)
            throws SafetensorsFormatException {
        String code = dtypeCode;
        SafetensorsDtype dtype = SafetensorsDtype.fromCode(code).orElseThrow(() -> SafetensorsFormatException.of(
                file, name, "unsupported dtype '" + code + "' (supported: " + SafetensorsDtype.supportedList() + ")"));
        if (offsets.length != 2) {
            throw SafetensorsFormatException.of(file, name, "data_offsets must be [begin, end]");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw SafetensorsFormatException.of(file, name, "data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        long expectedBytes;
        try {
            long elements = 1;
            for (long d : dims) {
                elements = Math.multiplyExact(elements, d);
            }
            expectedBytes = Math.multiplyExact(elements, (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw SafetensorsFormatException.of(file, name, "shape " + new Shape(dims) + " has more elements than a long can count");
        }
        if (expectedBytes != end - begin) {
            throw SafetensorsFormatException.of(file, name, "shape " + new Shape(dims) + " of " + dtype.code()
                    + " needs " + expectedBytes + " bytes but data_offsets [" + begin + ", " + end + "] hold "
                    + (end - begin));
        }
        if (end > dataLength) {
            throw SafetensorsFormatException.of(file, name, "data_offsets [" + begin + ", " + end
                    + "] run past the end of the data section (" + dataLength + " bytes): the file is truncated");
        }
        return new TensorInfo(name, dtype, new Shape(dims), begin, end);
    }

    /** A JSON array of at most {@code max} non-negative integers. */
    private static long[] readLongs(JsonParser p, Path file, String name, String field, int max) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY, file, name, field + " must be an array of integers");
        long[] values = new long[max];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw SafetensorsFormatException.of(file, name, field + " must hold integers that fit in 64 bits, found "
                        + (t == null ? "end of input" : p.getText()));
            }
            long v = p.getLongValue();
            if (v < 0) {
                throw SafetensorsFormatException.of(file, name, field + " holds a negative value " + v);
            }
            if (n == max) {
                throw SafetensorsFormatException.of(file, name, field + " has more than " + max + " entries");
            }
            values[n++] = v;
        }
        long[] out = new long[n];
        System.arraycopy(values, 0, out, 0, n);
        return out;
    }

    /** The data section must be covered exactly once: sorted by offset, each tensor starts where the last ended. */
    private static void checkTiling(Map<String, TensorInfo> tensors, Path file, long dataLength)
            throws SafetensorsFormatException {
        List<TensorInfo> byOffset = new ArrayList<>(tensors.values());
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long covered = 0;
        String previous = null;
        for (TensorInfo t : byOffset) {
            if (t.begin() < covered) {
                throw SafetensorsFormatException.of(file, t.name(), "bytes [" + t.begin() + ", " + t.end()
                        + ") overlap tensor '" + previous + "' (which ends at " + covered + ")");
            }
            if (t.begin() > covered) {
                throw SafetensorsFormatException.of(file, t.name(), "starts at " + t.begin() + " but the previous tensor"
                        + (previous == null ? "s end" : " '" + previous + "' ends") + " at " + covered
                        + ": a gap no tensor owns");
            }
            covered = t.end();
            previous = t.name();
        }
        if (covered != dataLength) {
            throw SafetensorsFormatException.of(file, null, "tensors cover " + covered + " bytes but the data section has "
                    + dataLength + ": the file has trailing bytes or was modified");
        }
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken wanted, Path file, String tensor, String problem)
            throws SafetensorsFormatException {
        if (actual != wanted) {
            throw SafetensorsFormatException.of(file, tensor, problem + " (found " + actual + ")");
        }
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, pos);
            if (n < 0) {
                throw SafetensorsFormatException.of(file, null, "unexpected end of file at byte " + pos + ": truncated");
            }
            pos += n;
        }
    }
}
