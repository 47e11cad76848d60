package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.ConnectionStringException;
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
    /** {@code DEFAULT_PGSOCKET_DIR} of Debian/PGDG builds. */
    static final String DEFAULT_SOCKET_DIR = "/var/run/postgresql";
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

        List<String> hosts = hostList(b, errors);
        List<String> hostaddrs = split(b.value("hostaddr"));
        List<String> ports = portList(b, hosts.size(), errors);

        // initialize_SSL: an unset or empty file setting means the file under ~/.postgresql.
        env.home().ifPresent(home -> {
            Path dir = home.resolve(".postgresql");
            defaultFile(b, "sslcert", dir.resolve("postgresql.crt"));
            defaultFile(b, "sslkey", dir.resolve("postgresql.key"));
            defaultFile(b, "sslrootcert", dir.resolve("root.crt"));
            if (isEmpty(b.value("sslcrl")) && isEmpty(b.value("sslcrldir"))) {
                b.set("sslcrl", dir.resolve("root.crl").toString(), Origin.DEFAULT);
            }
        });

        // The password file, per host, only when no password was given.
        Secret password = b.isSet("password") ? currentPassword(b) : null;
        if (password == null || password.isEmpty()) {
            String passfile = b.value("passfile");
            if (isEmpty(passfile) && env.home().isPresent()) {
                passfile = env.home().get().resolve(".pgpass").toString();
                b.set("passfile", passfile, Origin.DEFAULT);
            }
            if (!isEmpty(passfile)) {
                passwords(b, passfile, hosts, hostaddrs, ports);
            }
        }
        return b.build();
    }

    private static Secret currentPassword(ConnectionSettings.Builder b) {
        return b.secretValue("password");
    }

    private static void passwords(ConnectionSettings.Builder b, String passfile, List<String> hosts,
                                  List<String> hostaddrs, List<String> ports) {
        PassFile file = PassFile.load(Path.of(passfile), b::warning);
        if (file == null) {
            return;
        }
        String dbname = b.value("dbname");
        String user = b.value("user");
        List<Secret> found = new ArrayList<>();
        boolean same = true;
        Secret first = null;
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            if (host.isEmpty() && i < hostaddrs.size()) {
                host = hostaddrs.get(i);
            }
            if (host.isEmpty()) {
                host = DEFAULT_SOCKET_DIR;
            }
            String port = ports.get(i);
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

    /** pqConnectOptions2: the host entries (hostaddr's count wins), each possibly empty. */
    private static List<String> hostList(ConnectionSettings.Builder b, Assembler errors) {
        List<String> hosts = split(b.value("host"));
        List<String> hostaddrs = split(b.value("hostaddr"));
        int n;
        if (!isEmpty(b.value("hostaddr"))) {
            n = hostaddrs.size();
            if (!isEmpty(b.value("host")) && hosts.size() != n) {
                throw errors.error("host", "could not match " + hosts.size() + " host names to " + n + " hostaddr values");
            }
        } else if (!isEmpty(b.value("host"))) {
            n = hosts.size();
        } else {
            n = 1;
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(!isEmpty(b.value("host")) ? hosts.get(i) : "");
        }
        return out;
    }

    /** pqConnectOptions2: one port for all hosts, or one per host; empty means 5432. */
    private static List<String> portList(ConnectionSettings.Builder b, int nhosts, Assembler errors) {
        String port = b.value("port");
        List<String> out = new ArrayList<>(nhosts);
        if (isEmpty(port)) {
            for (int i = 0; i < nhosts; i++) {
                out.add("5432");
            }
            return out;
        }
        List<String> ports = split(port);
        if (ports.size() != 1 && ports.size() != nhosts) {
            throw errors.error("port", "could not match " + ports.size() + " port numbers to " + nhosts + " hosts");
        }
        for (int i = 0; i < nhosts; i++) {
            String p = ports.size() == 1 ? ports.get(0) : ports.get(i);
            out.add(p.isEmpty() ? "5432" : p);
        }
        return out;
    }

    private static void defaultFile(ConnectionSettings.Builder b, String keyword, Path file) {
        if (isEmpty(b.value(keyword))) {
            b.set(keyword, file.toString(), Origin.DEFAULT);
        }
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        int start = 0;
        for (int i = 0; i <= v.length(); i++) {
            if (i == v.length() || v.charAt(i) == ',') {
                out.add(v.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /** Whether the service error needs the exception type. */
    static ConnectionStringException serviceError(Assembler a, String message) {
        return a.error("service", message);
    }
}
