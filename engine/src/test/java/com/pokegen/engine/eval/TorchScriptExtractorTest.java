package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.train.ImageTensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptExtractorTest {

    /** Stands in for Inception: pool features = per-channel means repeated, logits otherwise. */
    static final String FAKE_INCEPTION = ""
            + "  def forward(self: __torch__.FakeInception,\n"
            + "    img: Tensor,\n"
            + "    return_features: bool=False) -> Tensor:\n"
            + "    pooled = torch.mean(img, [2, 3])\n"
            + "    feats = torch.repeat(pooled, [1, 683])\n"
            + "    if return_features:\n"
            + "      out = torch.slice(feats, 1, 0, 2048)\n"
            + "    else:\n"
            + "      out = torch.slice(feats, 1, 0, 1008)\n"
            + "    return out\n";

    @TempDir
    Path dir;

    @Test
    void loadsTorchScriptAndPassesTheFeatureFlag() throws IOException {
        Path pt = TorchScriptArchives.write(dir.resolve("fake-inception.pt"), "FakeInception", FAKE_INCEPTION);
        try (InceptionTorchScriptExtractor ex = InceptionTorchScriptExtractor.load(pt, ResizeMethod.TORCH_BILINEAR);
                NDManager m = NDManager.newBaseManager()) {
            assertTrue(ex.id().startsWith("inception-2015-12-05:pool3:"), ex.id());
            assertEquals(2048, ex.dim());
            BufferedImage red = solid(40, 30, 0xff0000);
            NDArray f = ex.features(List.of(red, solid(64, 64, 0x0080ff)), m);
            assertEquals(2, f.getShape().get(0));
            assertEquals(2048, f.getShape().get(1));
            float[] v = f.toFloatArray();
            assertEquals(255f, v[0], 1e-3); // the network sees [0, 255]
            assertEquals(0f, v[1], 1e-3);
            assertEquals(255f, v[3], 1e-3); // repeated
            assertEquals(128f, v[2048 + 1], 1e-3); // 0x80
            FeatureStats s = ex.stats(List.of(red, red, solid(8, 8, 0x00ff00)));
            assertEquals(ex.id(), s.extractorId());
            assertEquals("torch-bilinear", s.resizeMethod());
            assertEquals(3, s.count());
        }
    }

    @Test
    void batchedArrayInputMatchesImageInput() throws IOException {
        Path pt = TorchScriptArchives.write(dir.resolve("fake-inception.pt"), "FakeInception", FAKE_INCEPTION);
        List<BufferedImage> images = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) { // more than one batch of 16
            images.add(solid(24, 24, (i * 12) << 16 | (255 - i * 12)));
        }
        try (InceptionTorchScriptExtractor ex = InceptionTorchScriptExtractor.load(pt, ResizeMethod.PIL_BICUBIC);
                NDManager m = NDManager.newBaseManager()) {
            NDArray fromImages = ex.features(images, m);
            NDArray fromArray = ex.features(ImageTensors.stack(images, m), m);
            assertEquals(new ai.djl.ndarray.types.Shape(20, 2048), fromArray.getShape());
            org.junit.jupiter.api.Assertions.assertArrayEquals(fromImages.toFloatArray(), fromArray.toFloatArray(), 1e-3f);
            assertEquals(19 * 12f, fromArray.get(19).getFloat(0), 1e-3); // red channel mean of the last image
        }
    }

    @Test
    void missingFileNamesTheFlag() {
        IOException e = assertThrows(IOException.class,
                () -> InceptionTorchScriptExtractor.load(dir.resolve("nope.pt"), ResizeMethod.PIL_BICUBIC));
        assertTrue(e.getMessage().contains("--inception") && e.getMessage().contains("inception-2015-12-05.pt")
                && e.getMessage().contains("nope.pt"), e.getMessage());
        IOException n = assertThrows(IOException.class, () -> ClipTorchScriptExtractor.load(null));
        assertTrue(n.getMessage().contains("--clip"), n.getMessage());
    }

    @Test
    void wrongFilesAreRejectedWithTheFileNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("weights.pt"), "not a zip");
        IOException e = assertThrows(IOException.class, () -> InceptionTorchScriptExtractor.load(text, ResizeMethod.PIL_BICUBIC));
        assertTrue(e.getMessage().contains("weights.pt") && e.getMessage().contains("TorchScript"), e.getMessage());
        // a valid TorchScript module that is not Inception: wrong output width
        Path other = TorchScriptArchives.write(dir.resolve("other.pt"), "Other", ""
                + "  def forward(self: __torch__.Other,\n"
                + "    img: Tensor,\n"
                + "    return_features: bool=False) -> Tensor:\n"
                + "    return torch.mean(img, [2, 3])\n");
        IOException w = assertThrows(IOException.class, () -> InceptionTorchScriptExtractor.load(other, ResizeMethod.PIL_BICUBIC));
        assertTrue(w.getMessage().contains("not the FID Inception network") && w.getMessage().contains("2048"), w.getMessage());
        // no encode_image method: not CLIP
        IOException c = assertThrows(IOException.class, () -> ClipTorchScriptExtractor.load(other));
        assertTrue(c.getMessage().contains("encode_image") && c.getMessage().contains("--clip"), c.getMessage());
    }

    static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.setRGB(x, y, rgb);
            }
        }
        return im;
    }
}
