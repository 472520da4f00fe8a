package org.wanglai.excel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads one part of an .xlsx as text, for assertions on the raw XML. */
final class SheetXml {
    private SheetXml() {
    }

    static String entry(byte[] xlsx, String name) throws IOException {
        Path tmp = Files.createTempFile("sheet", ".xlsx");
        try {
            Files.write(tmp, xlsx);
            try (ZipFile zip = new ZipFile(tmp.toFile())) {
                ZipEntry e = zip.getEntry(name);
                if (e == null) {
                    throw new IOException("no " + name);
                }
                try (InputStream in = zip.getInputStream(e)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
