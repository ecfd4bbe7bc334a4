package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.export.onnx.OnnxTestPipelines;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code export --format onnx} and {@code generate --backend onnxruntime} through the CLI: the
 * same seed gives the libtorch backend's pixels; wrong backends, formats, precisions and folders
 * are refused with one line naming them.
 */
class OnnxCommandsTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PokegenCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static BufferedImage firstImage(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            Path png = files.filter(f -> f.getFileName().toString().endsWith(".png")
                    && !f.getFileName().toString().startsWith("contact")).sorted().findFirst().orElseThrow();
            return ImageIO.read(png.toFile());
        }
    }

    @Test
    void exportThenGenerateWithOnnxRuntime() throws Exception {
        Path model = OnnxTestPipelines.pixelPipeline(tmp.resolve("model"));
        Path onnx = tmp.resolve("onnx");
        Run export = run("export", "--format", "onnx", "--precision", "fp32,int8", "--model", model.toString(),
                "--out", onnx.toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().contains("unet/model.onnx") && export.out().contains("unet/model.int8.onnx")
                && export.out().contains("image_1_step"), export.out());

        Run torch = run("generate", "--model", model.toString(), "--prompt", "a red pokemon", "--steps", "1",
                "--seed", "5", "--out", tmp.resolve("torch").toString());
        assertEquals(0, torch.exit(), torch.err());
        Run ort = run("generate", "--backend", "onnxruntime", "--model", onnx.toString(), "--prompt", "a red pokemon",
                "--steps", "1", "--seed", "5", "--out", tmp.resolve("ort").toString());
        assertEquals(0, ort.exit(), ort.err());
        BufferedImage a = firstImage(tmp.resolve("torch"));
        BufferedImage b = firstImage(tmp.resolve("ort"));
        assertEquals(16, b.getWidth());
        int worst = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    worst = Math.max(worst, Math.abs(((p >> shift) & 255) - ((q >> shift) & 255)));
                }
            }
        }
        assertTrue(worst <= 1, "PNG from ONNX Runtime differs from libtorch's by " + worst + " levels");

        Run int8 = run("generate", "--backend", "onnxruntime", "--precision", "int8", "--model", onnx.toString(),
                "--prompt", "a red pokemon", "--steps", "2", "--seed", "5", "--out", tmp.resolve("int8").toString());
        assertEquals(0, int8.exit(), int8.err());
        String sidecar = Files.readString(tmp.resolve("int8/0000-seed-5.json"));
        assertTrue(sidecar.contains("pokegen generate --backend onnxruntime --precision int8 --model")
                && sidecar.contains("+onnxruntime-int8"), sidecar);

        Run noFp16 = run("generate", "--backend", "onnxruntime", "--precision", "fp16", "--model", onnx.toString(),
                "--prompt", "x", "--out", tmp.resolve("x1").toString());
        assertEquals(GenerateCommand.INVALID_INPUT, noFp16.exit());
        assertTrue(noFp16.err().contains("no fp16 unet") && noFp16.err().contains("fp32, int8"), noFp16.err());

        Run notExport = run("generate", "--backend", "onnxruntime", "--model", model.toString(), "--prompt", "x",
                "--out", tmp.resolve("x2").toString());
        assertEquals(GenerateCommand.INVALID_INPUT, notExport.exit());
        assertTrue(notExport.err().contains("not an ONNX export") && notExport.err().contains("--backend libtorch")
                && notExport.err().contains("--format onnx"), notExport.err());
    }

    @Test
    void unknownBackendsFormatsAndPrecisionsAreNamed() {
        Run backend = run("generate", "--backend", "tensorrt", "--model", "m", "--prompt", "x", "--out",
                tmp.resolve("o").toString());
        assertEquals(GenerateCommand.INVALID_INPUT, backend.exit());
        assertTrue(backend.err().contains("--backend tensorrt") && backend.err().contains("onnxruntime"), backend.err());

        Run torchInt8 = run("generate", "--precision", "int8", "--model", "m", "--prompt", "x", "--out",
                tmp.resolve("o").toString());
        assertEquals(GenerateCommand.INVALID_INPUT, torchInt8.exit());
        assertTrue(torchInt8.err().contains("--backend onnxruntime"), torchInt8.err());

        Run format = run("export", "--format", "tflite", "--model", "m", "--out", tmp.resolve("o").toString());
        assertEquals(1, format.exit());
        assertTrue(format.err().contains("--format tflite") && format.err().contains("onnx"), format.err());

        Run precision = run("export", "--format", "onnx", "--precision", "int4", "--model", "m", "--out",
                tmp.resolve("o").toString());
        assertEquals(1, precision.exit());
        assertTrue(precision.err().contains("int4") && precision.err().contains("fp32, fp16 or int8"), precision.err());

        Run diffusersPrecision = run("export", "--precision", "int8", "--model", "m", "--out", tmp.resolve("o").toString());
        assertEquals(1, diffusersPrecision.exit());
        assertTrue(diffusersPrecision.err().contains("--format onnx"), diffusersPrecision.err());
    }
}
