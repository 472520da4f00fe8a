package org.wanglai.host.internal.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain SQL script split into statements: {@code --} comments removed, split on {@code ;} outside quotes. */
final class SqlScript {
    private static final Pattern CREATE_TABLE =
            Pattern.compile("^\\s*CREATE\\s+TABLE\\s+([A-Za-z0-9_]+)", Pattern.CASE_INSENSITIVE);

    private final List<String> statements;

    private SqlScript(List<String> statements) {
        this.statements = List.copyOf(statements);
    }

    /** Loads a script that sits next to {@code owner} (same package path) through the owner's class loader. */
    static SqlScript load(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("SQL script " + name + " not found next to " + owner.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read SQL script " + name, e);
        }
    }

    static SqlScript parse(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuote = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (inQuote) {
                current.append(ch);
                if (ch == '\'') {
                    inQuote = false;
                }
            } else if (ch == '\'') {
                inQuote = true;
                current.append(ch);
            } else if (ch == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
            } else if (ch == ';') {
                add(out, current);
            } else {
                current.append(ch);
            }
        }
        add(out, current);
        return new SqlScript(out);
    }

    private static void add(List<String> out, StringBuilder current) {
        String s = current.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        current.setLength(0);
    }

    List<String> statements() {
        return statements;
    }

    /** Names (lower case) of the tables the script creates, in script order. */
    List<String> createdTables() {
        List<String> tables = new ArrayList<>();
        for (String s : statements) {
            Matcher m = CREATE_TABLE.matcher(s);
            if (m.find()) {
                tables.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }
}
