package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.PgEnvironment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * libpq's service files ({@code parseServiceInfo} / {@code parseServiceFile}): PGSERVICEFILE or
 * {@code ~/.pg_service.conf}, then {@code $PGSYSCONFDIR/pg_service.conf}; the first file holding
 * the section wins; a setting never overrides one already made. Not API.
 */
final class ServiceFile {
    /** libpq reads lines into a 1024-byte buffer. */
    private static final int LINE_BUFFER = 1024;

    private ServiceFile() {
    }

    static void apply(String service, ConnectionSettings.Builder b, PgEnvironment env, Assembler a) {
        boolean found = false;
        String explicitFile = env.variables().get("PGSERVICEFILE");
        Path first = null;
        if (explicitFile != null) {
            first = SettingPaths.of("PGSERVICEFILE", explicitFile);
        } else if (env.home().isPresent()) {
            Path p = env.home().get().resolve(".pg_service.conf");
            if (Files.exists(p)) {
                first = p;
            }
        }
        if (first != null) {
            found = parse(first, service, b, a);
        }
        if (!found) {
            String sysconf = env.variables().get("PGSYSCONFDIR");
            Path system = SettingPaths.of("PGSYSCONFDIR", sysconf != null ? sysconf : EnvironmentResolver.DEFAULT_SYSCONFDIR).resolve("pg_service.conf");
            if (Files.exists(system)) {
                found = parse(system, service, b, a);
            }
        }
        if (!found) {
            throw a.error("service", "definition of service \"" + service + "\" not found");
        }
    }

    /** Applies the section of one file; returns whether the section was found. */
    private static boolean parse(Path file, String service, ConnectionSettings.Builder b, Assembler a) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw a.error("service", "service file \"" + file + "\" not found");
        }
        boolean groupFound = false;
        int linenr = 0;
        for (String raw : lines) {
            linenr++;
            if (raw.getBytes(StandardCharsets.UTF_8).length + 1 >= LINE_BUFFER - 1) {
                throw a.error("service", "line " + linenr + " too long in service file \"" + file + "\"");
            }
            String line = strip(raw);
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            if (line.charAt(0) == '[') {
                if (groupFound) {
                    return true; // end of the wanted section
                }
                groupFound = line.startsWith(service, 1) && line.length() > service.length() + 1
                        && line.charAt(service.length() + 1) == ']';
                continue;
            }
            if (!groupFound) {
                continue;
            }
            if (line.startsWith("ldap")) {
                throw a.error("service", "LDAP lookup in service file \"" + file + "\", line " + linenr
                        + " is not supported by pgssl; put the settings in the file itself");
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw a.error("service", "syntax error in service file \"" + file + "\", line " + linenr);
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.equals("service")) {
                throw a.error("service", "nested service specifications not supported in service file \""
                        + file + "\", line " + linenr);
            }
            if (!Keywords.isKeyword(key)) {
                throw a.error("service", "syntax error in service file \"" + file + "\", line " + linenr);
            }
            if (!b.isSet(key)) {
                b.set(key, value, Origin.SERVICE);
            }
        }
        return groupFound;
    }

    /** Strips C-isspace on both ends, as libpq does. */
    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (end > 0 && KeywordValueDialect.isSpace(s.charAt(end - 1))) {
            end--;
        }
        while (start < end && KeywordValueDialect.isSpace(s.charAt(start))) {
            start++;
        }
        return s.substring(start, end);
    }
}
