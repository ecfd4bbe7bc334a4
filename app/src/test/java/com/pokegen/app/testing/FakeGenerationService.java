package com.pokegen.app.testing;

import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.GenerationService;
import com.pokegen.app.service.ProgressMonitor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Draws a 16×16 PNG whose colour encodes the seed (red = seed mod 256) and the model (blue = 255
 * for the teacher), with one white marker pixel in the bottom-right corner (so tests can see
 * whether enlarged pictures stay crisp). Counts calls; with {@link #gate} set, each call waits for the gate (checking
 * cancellation) so tests can catch renders in flight; {@link #cancelled} counts calls that saw
 * the cancel.
 */
public final class FakeGenerationService implements GenerationService {

    public final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    public final AtomicInteger completed = new AtomicInteger();
    public final AtomicInteger cancelled = new AtomicInteger();
    public volatile CountDownLatch gate;
    public volatile String failWith;

    @Override
    public GeneratedImage generate(GenerationRequest request, ProgressMonitor monitor) throws IOException {
        requests.add(request);
        if (failWith != null) {
            throw new IOException(failWith);
        }
        CountDownLatch wait = gate;
        try {
            while (wait != null && !wait.await(5, TimeUnit.MILLISECONDS)) {
                if (monitor.isCancelled()) {
                    cancelled.incrementAndGet();
                    monitor.checkCancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        completed.incrementAndGet();
        return new GeneratedImage(png(request), request, 7);
    }

    @Override
    public String deviceName() {
        return "fake CPU";
    }

    public static int redOf(long seed) {
        return (int) Math.floorMod(seed, 256L);
    }

    private static byte[] png(GenerationRequest request) throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        int blue = request.model() == com.pokegen.app.service.ModelChoice.TEACHER ? 255 : 0;
        int rgb = redOf(request.seed()) << 16 | (request.steps() * 40) << 8 | blue;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        image.setRGB(15, 15, 0xffffff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
