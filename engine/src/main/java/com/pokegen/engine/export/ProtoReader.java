package com.pokegen.engine.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over protocol-buffers wire format (https://protobuf.dev/programming-guides/encoding/):
 * each field is a varint key {@code (number << 3) | wireType} followed by a varint (type 0), 8
 * bytes (1), a varint length and that many bytes (2) or 4 bytes (5). Enough to read ONNX files
 * without generated classes or a protobuf dependency. Length-delimited values come back as
 * little-endian views of the same buffer (no copies: an ONNX model is tens of MB).
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buf;
    private final String source;
    private int fieldNumber;
    private int wireType;

    /** Reads {@code message} from its position to its limit. */
    ProtoReader(ByteBuffer message, String source) {
        this.buf = message.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
    }

    /** Advances to the next field's key; false at the end of the message. */
    boolean next() throws IOException {
        if (!buf.hasRemaining()) {
            return false;
        }
        long key = readVarint();
        fieldNumber = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (fieldNumber == 0) {
            throw corrupt("field number 0");
        }
        return true;
    }

    int fieldNumber() {
        return fieldNumber;
    }

    int wireType() {
        return wireType;
    }

    /** The current field's varint value. */
    long varint() throws IOException {
        expect(VARINT);
        return readVarint();
    }

    /** The current field's bytes as a little-endian view. */
    ByteBuffer bytes() throws IOException {
        expect(LENGTH_DELIMITED);
        long len = readVarint();
        if (len < 0 || len > buf.remaining()) {
            throw corrupt("length " + len + " runs past the end (" + buf.remaining() + " bytes left)");
        }
        ByteBuffer view = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        view.limit((int) len);
        buf.position(buf.position() + (int) len);
        return view;
    }

    /** The current field's UTF-8 string. */
    String string() throws IOException {
        ByteBuffer b = bytes();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The current field's 4 bytes as a little-endian float (wire type 5). */
    float fixed32Float() throws IOException {
        expect(FIXED32);
        if (buf.remaining() < 4) {
            throw corrupt("field runs past the end");
        }
        return buf.getFloat();
    }

    /** The current field as an embedded message. */
    ProtoReader message() throws IOException {
        return new ProtoReader(bytes(), source);
    }

    /**
     * A repeated int64 field, whichever encoding the writer chose: one varint per occurrence
     * (unpacked) or one length-delimited run of varints (packed, proto3's default).
     */
    void int64s(LongSink sink) throws IOException {
        if (wireType == VARINT) {
            sink.accept(readVarint());
            return;
        }
        ProtoReader packed = new ProtoReader(bytes(), source);
        while (packed.buf.hasRemaining()) {
            sink.accept(packed.readVarint());
        }
    }

    /** Skips the current field's value. */
    void skip() throws IOException {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> bytes();
            case FIXED32 -> advance(4);
            default -> throw corrupt("unsupported wire type " + wireType + " (groups are not used by ONNX)");
        }
    }

    private void advance(int n) throws IOException {
        if (buf.remaining() < n) {
            throw corrupt("field runs past the end");
        }
        buf.position(buf.position() + n);
    }

    private long readVarint() throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!buf.hasRemaining()) {
                throw corrupt("varint runs past the end");
            }
            byte b = buf.get();
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw corrupt("varint longer than 10 bytes");
    }

    private void expect(int type) throws IOException {
        if (wireType != type) {
            throw corrupt("field " + fieldNumber + " has wire type " + wireType + ", expected " + type);
        }
    }

    private IOException corrupt(String what) {
        return new IOException(source + ": not a valid ONNX (protobuf) file: " + what);
    }

    /** Receives decoded int64 values. */
    @FunctionalInterface
    interface LongSink {
        void accept(long value) throws IOException;
    }
}
