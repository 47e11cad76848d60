package io.github.pgssl.internal.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * libpq's password file ({@code passwordFromFile}, {@code pwdfMatchesString}): lines
 * {@code host:port:db:user:password}, {@code *} matches anything, {@code \} escapes, first match
 * wins. A file with group or world access is ignored with libpq's warning. Not API.
 */
final class PassFile {
    private final List<String> lines;

    private PassFile(List<String> lines) {
        this.lines = lines;
    }

    /** Loads the file, or returns {@code null} (missing: silently; insecure or not a file: with a warning). */
    static PassFile load(Path file, Consumer<String> warnings) {
        if (!Files.exists(file)) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            warnings.accept("WARNING: password file \"" + file + "\" is not a plain file");
            return null;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, new LinkOption[0]);
            for (PosixFilePermission p : perms) {
                if (p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE
                        && p != PosixFilePermission.OWNER_EXECUTE) {
                    warnings.accept("WARNING: password file \"" + file
                            + "\" has group or world access; permissions should be u=rw (0600) or less");
                    return null;
                }
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): libpq does not check there either
        } catch (IOException e) {
            return null;
        }
        try {
            List<String> out = new ArrayList<>();
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int len = l.length();
                while (len > 0 && (l.charAt(len - 1) == '\r' || l.charAt(len - 1) == '\n')) {
                    len--;
                }
                out.add(l.substring(0, len));
            }
            return new PassFile(out);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The password for one host entry, or {@code null}. */
    String lookup(String hostname, String port, String dbname, String username) {
        if (dbname == null || dbname.isEmpty() || username == null || username.isEmpty()) {
            return null;
        }
        if (hostname == null || hostname.isEmpty()) {
            hostname = "localhost";
        } else if ((hostname.startsWith("/") || hostname.startsWith("@"))
                && hostname.equals(EnvironmentResolver.DEFAULT_SOCKET_DIR)) {
            hostname = "localhost"; // 'localhost' matches the default socket directory
        }
        if (port == null || port.isEmpty()) {
            port = "5432";
        }
        for (String line : lines) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int t = matches(line, 0, hostname);
            t = t < 0 ? -1 : matches(line, t, port);
            t = t < 0 ? -1 : matches(line, t, dbname);
            t = t < 0 ? -1 : matches(line, t, username);
            if (t >= 0) {
                StringBuilder pw = new StringBuilder();
                for (int i = t; i < line.length() && line.charAt(i) != ':'; i++) {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < line.length()) {
                        c = line.charAt(++i);
                    }
                    pw.append(c);
                }
                return pw.toString();
            }
        }
        return null;
    }

    /** {@code pwdfMatchesString}: index after the matched field and its ':', or -1. */
    private static int matches(String buf, int from, String token) {
        if (buf.startsWith("*:", from)) {
            return from + 2;
        }
        int i = from;
        int k = 0;
        boolean bslash = false;
        while (i < buf.length()) {
            if (buf.charAt(i) == '\\' && !bslash) {
                i++;
                bslash = true;
                if (i >= buf.length()) {
                    return -1;
                }
            }
            if (buf.charAt(i) == ':' && k == token.length() && !bslash) {
                return i + 1;
            }
            bslash = false;
            if (k == token.length()) {
                return -1;
            }
            if (buf.charAt(i) == token.charAt(k)) {
                i++;
                k++;
            } else {
                return -1;
            }
        }
        return -1;
    }
}
