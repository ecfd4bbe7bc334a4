package com.pokegen.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-gigabyte files (sparse, so they cost no disk) load through memory maps, not the heap. */
@Tag("slow")
class SafetensorsLargeFileTest {

    static final long GIB = 1L << 30;

    @TempDir
    Path tmp;

    /** A file of zero-filled F32 tensors, {@code count} of {@code elements} each, made sparse by setLength. */
    static Path sparseFile(Path file, int count, long elements) throws IOException {
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            h.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[")
                    .append(elements).append("],\"data_offsets\":[").append(i * elements * 4).append(',')
                    .append((i + 1) * elements * 4).append("]}");
        }
        byte[] header = h.append('}').toString().getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            raf.write(header);
            raf.setLength(8 + header.length + count * elements * 4);
        }
        return file;
    }

    static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    @Test
    void threeGigabyteFileLoadsTensorByTensorOffHeap() throws IOException {
        Path file = sparseFile(tmp.resolve("big.safetensors"), 3, GIB / 4); // 3 x 1 GiB
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = heapPeak();
        try (SafetensorsFile f = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertEquals(3, f.names().size());
            for (String name : f.names()) {
                try (NDArray t = f.load(name, manager)) {
                    assertEquals(new Shape(GIB / 4), t.getShape());
                    assertEquals(0f, t.get(GIB / 4 - 1).getFloat());
                }
            }
        }
        long grew = heapPeak() - before;
        assertTrue(grew < 256L << 20, "heap peak grew by " + (grew >> 20) + " MiB while loading 3 GiB");
    }

    @Test
    void tensorsOver2GiBAreRefusedClearly() throws IOException {
        Path file = sparseFile(tmp.resolve("huge.safetensors"), 1, GIB * 3 / 4); // one 3 GiB tensor
        try (SafetensorsFile f = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> f.load("t0", manager));
            assertTrue(e.getMessage().contains("'t0'") && e.getMessage().contains("2 GiB"), e.getMessage());
        }
    }
}
