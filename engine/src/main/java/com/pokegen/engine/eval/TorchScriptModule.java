package com.pokegen.engine.eval;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A user-supplied TorchScript archive loaded through DJL's PyTorch engine, with error messages
 * that name the file and the command-line flag that supplies it. Methods other than
 * {@code forward} (CLIP's {@code encode_image}) are called through {@link IValueUtils#runMethod}.
 */
final class TorchScriptModule implements AutoCloseable {

    private final Model model;
    private final PtSymbolBlock block;
    private final Path file;
    private final String sha256;

    private TorchScriptModule(Model model, PtSymbolBlock block, Path file, String sha256) {
        this.model = model;
        this.block = block;
        this.file = file;
        this.sha256 = sha256;
    }

    /**
     * @param what the network, for messages ("Inception")
     * @param flag the command-line option that names the file ("--inception")
     * @param expected the file users should pass ("inception-2015-12-05.pt")
     */
    static TorchScriptModule load(Path file, Device device, String what, String flag, String expected) throws IOException {
        if (file == null) {
            throw new IOException("no " + what + " TorchScript file given: pass " + flag + " <path to " + expected + ">");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(what + " TorchScript file " + file.toAbsolutePath() + " not found: pass " + flag
                    + " <path to " + expected + "> (nothing is downloaded at run time)");
        }
        String hash = sha256(file);
        Model model = Model.newInstance(what, device == null ? Device.cpu() : device, "PyTorch");
        try {
            model.load(file, null, Map.of("mapLocation", "true"));
            return new TorchScriptModule(model, (PtSymbolBlock) model.getBlock(), file, hash);
        } catch (MalformedModelException | EngineException | IOException | ClassCastException e) {
            model.close();
            throw new IOException(file + ": libtorch cannot load this as a TorchScript archive (" + e.getMessage()
                    + "); " + flag + " expects " + expected + ", saved with torch.jit.save", e);
        }
    }

    /** Runs {@code method} with tensor and boolean arguments; returns its tensor result in {@code manager}. */
    NDArray call(String method, NDManager manager, Object... args) {
        IValue[] inputs = new IValue[args.length];
        IValue out = null;
        try {
            for (int i = 0; i < args.length; i++) {
                inputs[i] = toIValue(args[i]);
            }
            out = "forward".equals(method) ? block.forward(inputs) : IValueUtils.runMethod(block, method, inputs);
            if (!out.isTensor()) {
                throw new IllegalStateException(file + ": " + method + "() returned " + out.getType() + ", not a tensor");
            }
            NDArray result = out.toTensor((PtNDManager) model.getNDManager());
            result.attach(manager);
            return result;
        } finally {
            for (IValue v : inputs) {
                if (v != null) {
                    v.close();
                }
            }
            if (out != null) {
                out.close();
            }
        }
    }

    private IValue toIValue(Object arg) {
        if (arg instanceof Boolean b) {
            return IValue.from(b);
        }
        if (arg instanceof NDArray a) {
            NDArray onDevice = a.toDevice(model.getNDManager().getDevice(), false);
            if (!(onDevice instanceof PtNDArray pt)) {
                throw new IllegalArgumentException("TorchScript inputs must be PyTorch arrays; set the default engine to PyTorch");
            }
            return IValue.from(pt);
        }
        throw new IllegalArgumentException("unsupported TorchScript argument " + arg);
    }

    Path file() {
        return file;
    }

    /** First 8 hex digits of the file's SHA-256, for extractor ids. */
    String shortHash() {
        return sha256.substring(0, 8);
    }

    NDManager manager() {
        return model.getNDManager();
    }

    @Override
    public void close() {
        model.close();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // the digest stream hashes what passes through
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
