package org.wanglai.web.internal.security;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users allowed to log in, parsed from configuration entries {@code name:role[,role...]:pbkdf2$...}. Entries
 * are separated by whitespace (one per line in a configuration file); an error names the entry's position, never
 * the hash.
 */
public final class UserDirectory {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    public static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final Map<String, Entry> users;

    public UserDirectory(String[] entries) {
        Map<String, Entry> parsed = new LinkedHashMap<>();
        int position = 0;
        for (String block : entries == null ? new String[0] : entries) {
            for (String line : block.trim().split("\\s+")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                position++;
                Entry e = parse(line, position);
                if (parsed.putIfAbsent(e.name(), e) != null) {
                    throw new IllegalArgumentException("users: entry " + position + " repeats the user '" + e.name() + "'");
                }
            }
        }
        this.users = Map.copyOf(parsed);
    }

    private static Entry parse(String line, int position) {
        String[] parts = line.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("users: entry " + position + " is not name:roles:pbkdf2$...");
        }
        if (!NAME.matcher(parts[0]).matches()) {
            throw new IllegalArgumentException("users: entry " + position + " has an invalid name (letters, digits, . _ @ -)");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String r : parts[1].split(",")) {
            if (!ROLE.matcher(r).matches()) {
                throw new IllegalArgumentException("users: entry " + position + " (" + parts[0] + ") has an invalid role '" + r + "'");
            }
            roles.add(r);
        }
        PasswordHasher.Stored hash;
        try {
            hash = PasswordHasher.parse(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("users: entry " + position + " (" + parts[0] + "): " + e.getMessage());
        }
        return new Entry(parts[0], Set.copyOf(roles), hash);
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(name == null ? null : users.get(name));
    }

    public int size() {
        return users.size();
    }

    /** One configured user. */
    public record Entry(String name, Set<String> roles, PasswordHasher.Stored hash) {
    }
}
