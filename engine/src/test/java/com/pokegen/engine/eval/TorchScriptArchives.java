package com.pokegen.engine.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes minimal TorchScript archives (the zip layout of {@code torch.jit.save}) for parameter-free
 * modules whose methods are given as TorchScript source, so the DJL loading and method-calling
 * paths can run offline without the real Inception/CLIP files.
 */
final class TorchScriptArchives {

    private TorchScriptArchives() {}

    /** A module {@code __torch__.<className>} with the given method definitions (4-space indented). */
    static Path write(Path file, String className, String methods) throws IOException {
        String code = "class " + className + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + methods;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", modulePickle(className));
        entries.put("archive/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
        entries.put("archive/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        entries.put("archive/version", "3\n".getBytes(StandardCharsets.UTF_8));
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                z.setMethod(ZipEntry.STORED);
                z.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                z.setCrc(crc.getValue());
                zip.putNextEntry(z);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** pickle protocol 2: __torch__.<cls>.__new__() then BUILD with {"training": True}. */
    private static byte[] modulePickle(String className) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x80);
        b.write(2);
        b.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
        b.write(')'); // EMPTY_TUPLE
        b.write(0x81); // NEWOBJ
        b.write('}'); // EMPTY_DICT
        b.write('('); // MARK
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        b.write('X'); // BINUNICODE
        b.write(key.length);
        b.write(0);
        b.write(0);
        b.write(0);
        b.writeBytes(key);
        b.write(0x88); // NEWTRUE
        b.write('u'); // SETITEMS
        b.write('b'); // BUILD
        b.write('.'); // STOP
        return b.toByteArray();
    }
}
