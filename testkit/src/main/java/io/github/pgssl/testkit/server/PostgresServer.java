package io.github.pgssl.testkit.server;

import io.github.pgssl.testkit.pki.KeyFormat;
import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestCrl;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL server for tests: its own data directory (copied from a cached
 * {@code initdb} template), a free port on 127.0.0.1, a private Unix socket directory, optional TLS,
 * and the users, databases and {@code pg_hba.conf} presets of {@link ServerPresets}.
 *
 * <pre>{@code
 * TestPki pki = TestPki.generate();
 * try (PostgresServer server = PostgresServer.builder()
 *         .tls(ServerTls.of(pki.server()).withClientCas(pki.root()))
 *         .start()) {
 *     String conninfo = "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + server.port()
 *             + " user=ssltestuser dbname=trustdb sslmode=verify-full sslrootcert=root.crt";
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the server and deletes its directory. A JVM shutdown hook closes servers
 * left open, and the server is tied to the JVM through a pipe: if the JVM dies (even by
 * {@code kill -9}), a watchdog shell sees the pipe close and shuts PostgreSQL down at once.
 *
 * <p>When the JVM runs as root, PostgreSQL runs as an unprivileged user ({@code nobody} by default,
 * see {@code pgssl.testkit.runAs}); its files are handed to that user.
 */
public final class PostgresServer implements AutoCloseable {
    /** The address the server listens on. */
    public static final String HOST = "127.0.0.1";

    /** System property naming the directory for data directories (default: /dev/shm if roomy, else java.io.tmpdir). */
    public static final String DATA_ROOT_PROPERTY = "pgssl.testkit.dataRoot";

    private static final String RELOAD_LINE = "received SIGHUP, reloading configuration files";
    private static final String BASE_PREFIX = "pgssl-pg-";
    private static final String OWNER_FILE = "owner.pid";
    private static final Set<PostgresServer> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String TEMPLATE_LAYOUT = "v4"; // v4: certdb_dn, certdb_dn_re, certdb_cn

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (PostgresServer s : RUNNING) {
                s.closeQuietly(true);
            }
        }, "pgssl-testkit-postgres-shutdown"));
    }

    private final PostgresBinaries binaries;
    private final ServerUser user;
    private final Path base;
    private final Path data;
    private final Path socketDir;
    private final Path logFile;
    private final Map<String, String> settings;
    private volatile ServerTls tls;
    private volatile int port;
    private volatile Process wrapper;
    private volatile boolean closed;

    private PostgresServer(Builder b) throws IOException {
        this.binaries = b.binaries != null ? b.binaries : PostgresBinaries.resolve();
        this.user = ServerUser.get();
        this.tls = b.tls;
        this.settings = Map.copyOf(b.settings);
        Path template = template(binaries, user);
        Path root = dataRoot();
        deleteAbandoned(root);
        this.base = Files.createTempDirectory(root, BASE_PREFIX);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(base.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        user.own(base);
        this.data = base.resolve("data");
        this.socketDir = base.resolve("sock");
        this.logFile = base.resolve("postgres.log");
        run(user.command(List.of("cp", "-a", template.resolve("data").toString(), data.toString())));
        run(user.command(List.of("mkdir", "-m", "700", socketDir.toString())));
    }

    /** {@return a builder; by default TLS is off and the binaries are {@link PostgresBinaries#resolve()}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the TCP port on {@link #HOST}} */
    public int port() {
        return port;
    }

    /** {@return the host the server listens on: {@value #HOST}} */
    public String host() {
        return HOST;
    }

    /** {@return the Unix socket directory (for {@code host=/path})} */
    public Path socketDirectory() {
        return socketDir;
    }

    /** {@return the data directory} */
    public Path dataDirectory() {
        return data;
    }

    /** {@return the server log file} */
    public Path logFile() {
        return logFile;
    }

    /** {@return the binaries this server runs} */
    public PostgresBinaries binaries() {
        return binaries;
    }

    /** {@return the major server version, e.g. 17} */
    public int majorVersion() {
        return binaries.majorVersion();
    }

    /** {@return whether TLS is on} */
    public boolean tlsEnabled() {
        return tls != null;
    }

    /** {@return the current TLS configuration, or {@code null} when TLS is off} */
    public ServerTls tls() {
        return tls;
    }

    /**
     * A keyword/value connection string for {@link ServerPresets#TRUST_USER} to {@code dbname} over TCP,
     * with no TLS settings ({@code host=127.0.0.1 port=N user=ssltestuser dbname=...}).
     *
     * @param dbname the database to connect to
     * @return the connection string; append TLS keywords as the test needs
     */
    public String connectionString(String dbname) {
        return "host=" + HOST + " port=" + port + " user=" + ServerPresets.TRUST_USER + " dbname=" + dbname;
    }

    /** {@return the text of the server log so far (for failure messages)} */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Switches the TLS configuration at runtime: writes the new files and reloads the server
     * ({@code pg_ctl reload}, i.e. SIGHUP), then waits until new TLS handshakes present the new
     * certificate. {@code null} turns TLS off.
     *
     * @param newTls the new TLS configuration, or {@code null} to turn TLS off
     */
    public void reconfigureTls(ServerTls newTls) {
        this.tls = newTls;
        writeConfiguration();
        reload();
        if (newTls != null) {
            awaitServedCertificate(newTls.certificate().certificate());
        } else {
            awaitTlsOff();
        }
    }

    /** Re-reads the configuration files ({@code pg_ctl reload}). */
    public void reload() {
        int before = countReloads();
        run(user.command(List.of(binaries.tool("pg_ctl").toString(), "reload", "-s", "-D", data.toString())));
        // pg_ctl only sends SIGHUP. The postmaster logs this line when it handles the signal and
        // accepts no connection until it has reloaded (TLS context included), so after the line
        // every new connection sees the new configuration.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (countReloads() <= before) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server did not reload within 20 s; log:\n" + tail(log()));
            }
            sleep(10);
        }
    }

    private int countReloads() {
        String log = log();
        int n = 0;
        for (int i = log.indexOf(RELOAD_LINE); i >= 0; i = log.indexOf(RELOAD_LINE, i + 1)) {
            n++;
        }
        return n;
    }

    /** Stops the server (fast shutdown) and starts it again on the same port and data directory. */
    public void restart() {
        stopProcess(false);
        startProcess();
    }

    /**
     * The leaf certificate new TLS handshakes get, read with a handshake that trusts anything
     * (a probe, not a client: it only reports what the server presents).
     *
     * @return the leaf certificate the server presents now
     * @throws IllegalStateException when TLS is off or the handshake fails
     */
    public X509Certificate servedCertificate() {
        return TlsProbe.peerCertificate(HOST, port);
    }

    /** Stops the server (immediately: the data is thrown away) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        closeQuietly(false);
    }

    @Override
    public String toString() {
        return "PostgresServer[" + binaries.version() + " on " + HOST + ":" + port + (tls != null ? ", TLS" : "") + "]";
    }

    private synchronized void closeQuietly(boolean fromHook) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopProcess(true);
        } catch (RuntimeException e) {
            // Best effort: still delete the files; the watchdog has already killed the server.
        }
        RUNNING.remove(this);
        try {
            PostgresBinaries.deleteTree(base);
        } catch (IOException e) {
            if (!fromHook) {
                throw new UncheckedIOException("cannot delete " + base, e);
            }
        }
    }

    private void start() {
        RUNNING.add(this);
        try {
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                port = freePort();
                writeConfiguration();
                try {
                    startProcess();
                    return;
                } catch (IllegalStateException e) {
                    last = e;
                    if (!log().contains("could not bind") && !log().contains("Address already in use")) {
                        break;
                    }
                }
            }
            throw last;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startProcess() {
        // The shell keeps a copy of its stdin (a pipe from this JVM) on fd 3 for the watchdog. When
        // the JVM exits or dies, the pipe closes, cat returns, and the watchdog sends SIGQUIT
        // (immediate shutdown) to the postmaster. The shell itself exits when the postmaster does.
        String script = "exec 3<&0\n"
                + "\"$1\" -D \"$2\" >>\"$3\" 2>&1 </dev/null 3<&- &\n"
                + "pid=$!\n"
                + "( cat <&3 >/dev/null; kill -QUIT \"$pid\" 2>/dev/null ) </dev/null >/dev/null 2>&1 &\n"
                + "exec 3<&-\n"
                + "wait \"$pid\"\n";
        List<String> cmd = user.command(List.of("sh", "-c", script, "pgssl-testkit-postgres",
                binaries.tool("postgres").toString(), data.toString(), logFile.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Exec.cleanEnvironment(pb.environment());
        try {
            Files.deleteIfExists(data.resolve("postmaster.pid"));
            wrapper = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start postgres", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path pidFile = data.resolve("postmaster.pid");
        while (true) {
            if (!wrapper.isAlive()) {
                throw new IllegalStateException("PostgreSQL " + binaries.version() + " did not start; log:\n" + tail(log()));
            }
            try {
                if (Files.exists(pidFile)) {
                    List<String> lines = Files.readAllLines(pidFile);
                    if (lines.size() >= 8 && lines.get(7).trim().equals("ready")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // Being written; read again.
            }
            if (System.nanoTime() > deadline) {
                stopProcess(true);
                throw new IllegalStateException("PostgreSQL did not become ready within " + START_TIMEOUT + "; log:\n" + tail(log()));
            }
            sleep(10);
        }
    }

    private void stopProcess(boolean immediate) {
        Process w = wrapper;
        if (w == null) {
            return;
        }
        try {
            if (w.isAlive()) {
                Exec.run(user.command(List.of(binaries.tool("pg_ctl").toString(), "stop", "-s", "-w", "-t", "30",
                        "-m", immediate ? "immediate" : "fast", "-D", data.toString())), Duration.ofSeconds(40), null);
            }
        } catch (IllegalStateException e) {
            // Fall through: closing the pipe makes the watchdog kill the server.
        } finally {
            try {
                OutputStream in = w.getOutputStream();
                in.close();
            } catch (IOException e) {
                // Already closed.
            }
            try {
                if (!w.waitFor(10, TimeUnit.SECONDS)) {
                    w.descendants().forEach(ProcessHandle::destroyForcibly);
                    w.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            wrapper = null;
        }
    }

    private void writeConfiguration() {
        try {
            Map<String, String> conf = new LinkedHashMap<>();
            conf.put("listen_addresses", "'" + HOST + "'");
            conf.put("port", Integer.toString(port));
            conf.put("unix_socket_directories", "'" + socketDir + "'");
            conf.put("max_connections", "40");
            conf.put("shared_buffers", "16MB");
            conf.put("fsync", "off");
            conf.put("synchronous_commit", "off");
            conf.put("full_page_writes", "off");
            conf.put("log_connections", "on");
            conf.put("log_min_messages", "warning");
            ServerTls t = tls;
            if (t != null) {
                writeOwned(data.resolve("server.crt"), t.certificate().chainPem().getBytes(StandardCharsets.US_ASCII));
                writeOwned(data.resolve("server.key"), t.certificate().encodeKey(KeyFormat.PKCS8_PEM, null));
                conf.put("ssl", "on");
                conf.put("ssl_cert_file", "'server.crt'");
                conf.put("ssl_key_file", "'server.key'");
                if (!t.clientCas().isEmpty()) {
                    StringBuilder sb = new StringBuilder();
                    for (TestCertificate c : t.clientCas()) {
                        sb.append(c.certificatePem());
                    }
                    writeOwned(data.resolve("client-ca.crt"), sb.toString().getBytes(StandardCharsets.US_ASCII));
                    conf.put("ssl_ca_file", "'client-ca.crt'");
                } else {
                    conf.put("ssl_ca_file", "''");
                }
                if (!t.crls().isEmpty() && t.crlsInDirectory()) {
                    // ssl_crl_dir: OpenSSL finds a CRL by its issuer's hashed name only.
                    Path dir = data.resolve("client-crldir");
                    if (Files.exists(dir)) {
                        try (var old = Files.list(dir)) {
                            for (Path f : old.toList()) {
                                Files.delete(f);
                            }
                        }
                    } else {
                        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                        user.own(dir);
                    }
                    java.util.Map<String, Integer> used = new java.util.HashMap<>();
                    for (TestCrl c : t.crls()) {
                        int n = used.merge(c.issuerHash(), 1, Integer::sum) - 1;
                        writeOwned(dir.resolve(c.issuerHash() + ".r" + n), c.pem().getBytes(StandardCharsets.US_ASCII));
                    }
                    conf.put("ssl_crl_file", "''");
                    conf.put("ssl_crl_dir", "'client-crldir'");
                } else if (!t.crls().isEmpty()) {
                    StringBuilder sb = new StringBuilder();
                    for (TestCrl c : t.crls()) {
                        sb.append(c.pem());
                    }
                    writeOwned(data.resolve("client.crl"), sb.toString().getBytes(StandardCharsets.US_ASCII));
                    conf.put("ssl_crl_file", "'client.crl'");
                } else {
                    conf.put("ssl_crl_file", "''");
                }
                conf.put("ssl_min_protocol_version", "'" + t.minProtocolVersion() + "'");
                conf.put("ssl_max_protocol_version", "'" + (t.maxProtocolVersion() == null ? "" : t.maxProtocolVersion()) + "'");
            } else {
                conf.put("ssl", "off");
            }
            conf.putAll(settings);
            StringBuilder sb = new StringBuilder("# written by pgssl-testkit\n");
            conf.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
            writeOwned(data.resolve("pgssl-testkit.conf"), sb.toString().getBytes(StandardCharsets.UTF_8));
            writeOwned(data.resolve("pg_hba.conf"), ServerPresets.hba().getBytes(StandardCharsets.UTF_8));
            writeOwned(data.resolve("pg_ident.conf"), ServerPresets.ident().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration of " + data, e);
        }
    }

    private void writeOwned(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, content);
        user.own(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitServedCertificate(X509Certificate expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (servedCertificate().equals(expected)) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            sleep(20);
        }
        throw new IllegalStateException("the server did not present the new certificate within 20 s after reload; log:\n"
                + tail(log()), last);
    }

    private void awaitTlsOff() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!TlsProbe.acceptsSslRequest(HOST, port)) {
                return;
            }
            sleep(20);
        }
        throw new IllegalStateException("the server still accepts TLS 20 s after reload; log:\n" + tail(log()));
    }

    /**
     * Where data directories go: {@code -Dpgssl.testkit.dataRoot}, else {@code /dev/shm} when it is a
     * writable tmpfs with more than 2 GiB free (copying the template there is I/O-free), else
     * {@code java.io.tmpdir}.
     */
    static Path dataRoot() throws IOException {
        String configured = System.getProperty(DATA_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Files.createDirectories(Path.of(configured));
        }
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm) && Files.isWritable(shm)
                    && Files.getFileStore(shm).getUsableSpace() > (2L << 30)) {
                return shm;
            }
        } catch (IOException e) {
            // Not usable: fall back.
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Deletes server directories left by JVMs that died without cleaning up (kill -9): their
     * watchdog already stopped PostgreSQL, but the files (in RAM when under /dev/shm) remain.
     */
    private static void deleteAbandoned(Path root) {
        try (var dirs = Files.newDirectoryStream(root, BASE_PREFIX + "*")) {
            for (Path dir : dirs) {
                Path owner = dir.resolve(OWNER_FILE);
                boolean abandoned;
                if (Files.isRegularFile(owner)) {
                    long pid = Long.parseLong(Files.readString(owner).trim());
                    abandoned = !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                } else {
                    // No owner recorded (an older testkit, or a crash mid-setup): only when clearly stale.
                    abandoned = Files.getLastModifiedTime(dir).toInstant()
                            .isBefore(java.time.Instant.now().minus(Duration.ofMinutes(30)));
                }
                if (abandoned && !Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
                    PostgresBinaries.deleteTree(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: another user's directory, or one being deleted concurrently.
        }
    }

    private static void run(List<String> command) {
        Exec.run(command, Duration.ofSeconds(120), null);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        int from = Math.max(0, lines.length - 30);
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The initdb'ed template for these binaries: created once (as the server user) with the preset
     * users and databases, and copied for every server.
     */
    static Path template(PostgresBinaries binaries, ServerUser user) throws IOException {
        String key = Integer.toHexString(binaries.binDirectory().toString().hashCode()) + "-" + binaries.version()
                + "-" + user.name() + "-" + TEMPLATE_LAYOUT;
        Path dir = PostgresBinaries.cacheDirectory().resolve("template-" + key);
        if (Files.exists(dir.resolve(".complete"))) {
            return dir;
        }
        return PostgresBinaries.withCacheLock(() -> {
            if (Files.exists(dir.resolve(".complete"))) {
                return dir;
            }
            Path work = Files.createTempDirectory(dir.getParent(), "template-work-");
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            user.own(work);
            Path workData = work.resolve("data");
            Exec.run(user.command(List.of(binaries.tool("initdb").toString(), "-D", workData.toString(),
                    "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions",
                    "--wal-segsize=1")),
                    Duration.ofMinutes(5), null);
            Path conf = workData.resolve("postgresql.conf");
            String extra = "\n# pgssl-testkit: per-server settings\ninclude_if_exists = 'pgssl-testkit.conf'\n";
            Exec.run(user.command(List.of("sh", "-c", "cat >> \"$1\"", "append", conf.toString())), Duration.ofSeconds(30), extra);
            Exec.run(user.command(List.of(binaries.tool("postgres").toString(), "--single", "-D", workData.toString(),
                    "-F", "-c", "exit_on_error=true", "postgres")), Duration.ofMinutes(2), ServerPresets.bootstrapSql(binaries.majorVersion()));
            Files.createFile(work.resolve(".complete"));
            if (Files.exists(dir)) {
                PostgresBinaries.deleteTree(dir);
            }
            Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        });
    }

    /** Builds and starts a {@link PostgresServer}. */
    public static final class Builder {
        private PostgresBinaries binaries;
        private ServerTls tls;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The installation to run (default {@link PostgresBinaries#resolve()}).
         *
         * @param binaries the PostgreSQL installation
         * @return this builder
         */
        public Builder binaries(PostgresBinaries binaries) {
            this.binaries = Objects.requireNonNull(binaries, "binaries");
            return this;
        }

        /**
         * Turns TLS on with this configuration ({@code null}: off, the default).
         *
         * @param tls the TLS configuration, or {@code null} for a server without TLS
         * @return this builder
         */
        public Builder tls(ServerTls tls) {
            this.tls = tls;
            return this;
        }

        /**
         * An extra {@code postgresql.conf} setting, written as {@code name = value} (quote string values
         * yourself: {@code setting("log_statement", "'all'")}).
         *
         * @param name the setting's name
         * @param value the value as written in {@code postgresql.conf}
         * @return this builder
         */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Creates the data directory and starts the server; returns when it accepts connections.
         *
         * @return the running server; close it to stop it and delete its data directory
         * @throws IllegalStateException when the server does not start (the message holds its log)
         */
        public PostgresServer start() {
            PostgresServer s;
            try {
                s = new PostgresServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare a PostgreSQL data directory", e);
            }
            s.start();
            return s;
        }
    }

    static List<PostgresServer> running() {
        return new ArrayList<>(RUNNING);
    }
}
