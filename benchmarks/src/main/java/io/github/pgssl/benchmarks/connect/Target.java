package io.github.pgssl.benchmarks.connect;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The server every harness connects to and the trust files it uses, shared between the
 * coordinator and the per-driver JVMs through a properties file.
 *
 * <p>The password belongs to a throwaway server that lives for one run; it is still never printed.
 */
public final class Target {
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Path rootFile;
    private final Path bundleFile;
    private String engine;

    public Target(String host, int port, String database, String user, String password, Path rootFile, Path bundleFile) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.rootFile = rootFile;
        this.bundleFile = bundleFile;
    }

    /** A copy whose {@link #uri} asks pgssl for this TLS engine ({@code pgssl.tls_engine}) in TLS modes; null: the default. */
    public Target withEngine(String engine) {
        Target t = new Target(host, port, database, user, password, rootFile, bundleFile);
        t.engine = engine;
        return t;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The CA file for a verifying mode; {@code null} for the others. */
    public Path rootCert(Mode mode) {
        return switch (mode) {
            case VERIFY_FULL_ROOT -> rootFile;
            case VERIFY_FULL_BUNDLE -> bundleFile;
            default -> null;
        };
    }

    /** A libpq URI for this mode (what a user would put in DATABASE_URL), password included. */
    public String uri(Mode mode) {
        StringBuilder b = new StringBuilder("postgresql://").append(enc(user));
        if (hasPassword()) {
            b.append(':').append(enc(password));
        }
        b.append('@').append(host).append(':').append(port).append('/').append(enc(database))
                .append("?sslmode=").append(mode.sslmode());
        if (mode.verifies()) {
            b.append("&sslrootcert=").append(enc(rootCert(mode).toString()));
        }
        if (engine != null && mode != Mode.DISABLE) {
            b.append("&pgssl.tls_engine=").append(engine);
        }
        return b.toString();
    }

    /** Whether the user authenticates with a password (else the server trusts it). */
    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    /**
     * A libpq keyword/value string for this mode, without the password (pass it as
     * {@code PGPASSWORD}). GSS encryption is off so libpq measures TLS only.
     */
    public String conninfo(Mode mode) {
        StringBuilder b = new StringBuilder().append("host=").append(host).append(" port=").append(port)
                .append(" dbname=").append(database).append(" user=").append(user)
                .append(" gssencmode=disable sslmode=").append(mode.sslmode());
        if (mode.verifies()) {
            b.append(" sslrootcert=").append(rootCert(mode));
        }
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public void store(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("database", database);
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("rootFile", rootFile.toString());
        p.setProperty("bundleFile", bundleFile.toString());
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "pgssl connection-setup harness target");
        }
    }

    public static Target load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return new Target(p.getProperty("host"), Integer.parseInt(p.getProperty("port")), p.getProperty("database"),
                p.getProperty("user"), p.getProperty("password"), Path.of(p.getProperty("rootFile")),
                Path.of(p.getProperty("bundleFile")));
    }

    @Override
    public String toString() {
        return "Target[" + user + "@" + host + ":" + port + "/" + database + ", password=******]";
    }
}
