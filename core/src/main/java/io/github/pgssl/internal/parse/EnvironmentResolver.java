package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.Endpoint;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.Secret;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * libpq's merge of the environment into explicit settings: {@code conninfo_add_defaults}
 * (service file, then {@code PG*} variables, then compiled defaults) and the parts of
 * {@code pqConnectOptions2} that fill values (dbname = user, host/port list matching, the
 * password file per host), plus the default file names {@code initialize_SSL} uses.
 * Not API.
 */
final class EnvironmentResolver {
    /** {@code DEFAULT_PGSOCKET_DIR}: one rule for the whole library, documented on {@link Endpoint}. */
    static final String DEFAULT_SOCKET_DIR = Endpoint.DEFAULT_SOCKET_DIRECTORY;
    /** {@code SYSCONFDIR} of Debian/PGDG builds (used when PGSYSCONFDIR is unset). */
    static final String DEFAULT_SYSCONFDIR = "/etc/postgresql-common";

    private EnvironmentResolver() {
    }

    static ConnectionSettings resolve(ConnectionSettings explicit, PgEnvironment env, String input) {
        ConnectionSettings.Builder b = explicit.toBuilder();
        Map<String, String> vars = env.variables();
        Assembler errors = new Assembler(explicit.dialect(), input);

        // conninfo_add_defaults: the service first (PGSERVICE is special-cased there) ...
        String service = b.value("service");
        if (service == null) {
            service = vars.get("PGSERVICE");
        }
        if (service != null) {
            ServiceFile.apply(service, b, env, errors);
        }
        // ... then the environment and compiled defaults for what is still unset.
        for (Keywords.Keyword k : Keywords.all()) {
            if (b.isSet(k.name())) {
                continue;
            }
            if (k.envVar() != null && vars.get(k.envVar()) != null) {
                b.set(k.name(), vars.get(k.envVar()), Origin.ENVIRONMENT);
                continue;
            }
            if (k.name().equals("sslmode")) {
                String requiressl = vars.get("PGREQUIRESSL");
                if (requiressl != null && requiressl.startsWith("1")) {
                    b.set("sslmode", "require", Origin.ENVIRONMENT);
                    continue;
                }
            }
            if (k.compiledDefault() != null) {
                b.set(k.name(), k.compiledDefault(), Origin.DEFAULT);
            } else if (k.name().equals("user") && env.osUser().isPresent()) {
                b.set("user", env.osUser().get(), Origin.DEFAULT);
            }
        }

        // pqConnectOptions2: an unset or empty dbname means the user name.
        String dbname = b.value("dbname");
        String user = b.value("user");
        if ((dbname == null || dbname.isEmpty()) && user != null && !user.isEmpty()) {
            b.set("dbname", user, Origin.DEFAULT);
        }

        // pqConnectOptions2's pairing; its errors surface here in libpq's exact words, as psql reports them.
        HostList.Mismatch mismatch = HostList.mismatch(b.value("host"), b.value("hostaddr"), b.value("port"));
        if (mismatch != null) {
            throw errors.error(mismatch.setting(), mismatch.message());
        }
        List<HostList.Entry> entries = HostList.pair(b.value("host"), b.value("hostaddr"), b.value("port"));

        // initialize_SSL: an unset or empty file setting means the file under ~/.postgresql.
        if (env.home().isPresent()) {
            Path dir = env.home().get().resolve(".postgresql");
            defaultFile(b, "sslcert", dir.resolve("postgresql.crt"));
            defaultFile(b, "sslkey", dir.resolve("postgresql.key"));
            defaultFile(b, "sslrootcert", dir.resolve("root.crt"));
            if (isEmpty(b.value("sslcrl")) && isEmpty(b.value("sslcrldir"))) {
                b.set("sslcrl", dir.resolve("root.crl").toString(), Origin.DEFAULT);
            }
        }

        // The password file, per host, only when no password was given.
        Secret password = b.isSet("password") ? currentPassword(b) : null;
        if (password == null || password.isEmpty()) {
            String passfile = b.value("passfile");
            if (isEmpty(passfile) && env.home().isPresent()) {
                passfile = env.home().get().resolve(".pgpass").toString();
                b.set("passfile", passfile, Origin.DEFAULT);
            }
            if (!isEmpty(passfile)) {
                passwords(b, passfile, entries);
            }
        }
        return b.build();
    }

    private static Secret currentPassword(ConnectionSettings.Builder b) {
        return b.secretValue("password");
    }

    private static void passwords(ConnectionSettings.Builder b, String passfile, List<HostList.Entry> entries) {
        PassFile file = PassFile.load(SettingPaths.of("passfile", passfile), b::warning);
        if (file == null) {
            return;
        }
        String dbname = b.value("dbname");
        String user = b.value("user");
        List<Secret> found = new ArrayList<>();
        boolean same = true;
        Secret first = null;
        for (int i = 0; i < entries.size(); i++) {
            HostList.Entry entry = entries.get(i);
            String host = entry.host().isEmpty() ? entry.hostaddr() : entry.host();
            if (host.isEmpty()) {
                host = DEFAULT_SOCKET_DIR;
            }
            String port = entry.port().isEmpty() ? Integer.toString(Endpoint.DEFAULT_PORT) : entry.port();
            String pw = file.lookup(host, port, dbname, user);
            Secret s = pw == null ? null : Secret.of(pw);
            found.add(s);
            if (i == 0) {
                first = s;
            } else if (s == null ? first != null : !s.equals(first)) {
                same = false;
            }
        }
        b.hostPasswords(found);
        if (same && first != null) {
            b.setSecret("password", first, Origin.PASSWORD_FILE);
        }
    }

    private static void defaultFile(ConnectionSettings.Builder b, String keyword, Path file) {
        if (isEmpty(b.value(keyword))) {
            b.set(keyword, file.toString(), Origin.DEFAULT);
        }
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /** Whether the service error needs the exception type. */
    static ConnectionStringException serviceError(Assembler a, String message) {
        return a.error("service", message);
    }
}
