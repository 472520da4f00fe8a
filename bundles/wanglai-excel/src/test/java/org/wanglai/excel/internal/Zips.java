package org.wanglai.excel.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Crafts hostile .xlsx files for tests: the same package with one part replaced. */
final class Zips {
    private Zips() {
    }

    interface PartWriter {
        void write(java.io.OutputStream out) throws IOException;
    }

    static byte[] replace(byte[] xlsx, String part, PartWriter content) throws IOException {
        Path tmp = Files.createTempFile("zips", ".xlsx");
        try {
            Files.write(tmp, xlsx);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipFile in = new ZipFile(tmp.toFile()); ZipOutputStream out = new ZipOutputStream(bytes)) {
                out.setLevel(Deflater.BEST_COMPRESSION);
                for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    if (entry.getName().equals(part)) {
                        content.write(out);
                    } else {
                        try (InputStream is = in.getInputStream(entry)) {
                            is.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
