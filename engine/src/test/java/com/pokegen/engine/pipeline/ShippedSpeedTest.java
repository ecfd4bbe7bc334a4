package com.pokegen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedSpeedTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsAndSummarisesTheRatios() throws IOException {
        ShippedSpeed speed = new ShippedSpeed("student", "teacher", "teacher 50 ddim steps, CFG 3.0", 2000, 40, 100, 4,
                "OMP_NUM_THREADS=2", "2026-12-03");
        Path file = dir.resolve(ShippedSpeed.FILE_NAME);
        speed.write(file);
        assertEquals(Optional.of(speed), ShippedSpeed.read(file));
        assertEquals(50.0, speed.speedUp1Step(), 1e-9);
        assertEquals(20.0, speed.speedUpRecommended(), 1e-9);
        assertEquals("Student 1 step 40 ms, 50.0× faster than the teacher (4 steps: 20.0×)", speed.summary());
    }

    @Test
    void aMissingFileIsEmptyAndABadOneNamesItself() throws IOException {
        assertEquals(Optional.empty(), ShippedSpeed.read(dir.resolve("none.json")));
        Path bad = dir.resolve(ShippedSpeed.FILE_NAME);
        Files.writeString(bad, "{\"student\": \"s\", \"teacher_ms\": 0}");
        IOException e = assertThrows(IOException.class, () -> ShippedSpeed.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    }
}
