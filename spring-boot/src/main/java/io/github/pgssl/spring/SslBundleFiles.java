package io.github.pgssl.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * A Spring Boot SSL bundle written out as libpq's files: the bundle's trusted certificates as a
 * PEM {@code sslrootcert}, and its key (if any) as {@code sslcert} + {@code sslkey}. pgssl reads
 * these files once per change (never per connection) and notices replacement, so a bundle reload
 * ({@code reload-on-update}) reaches new connections the way a rotated file does: this class
 * rewrites the files (atomically, a new inode) from Boot's update callback.
 *
 * <p>Why files: with a root file, libpq's {@code sslmode=require} verifies the chain, and pgssl
 * keeps that rule in one place (its resolver); a file is how the rule sees a root.
 *
 * <p><b>Security:</b> the files live in a directory only this user can read (0700); the key file
 * is 0600 (libpq's permission rule), unencrypted, as a key file for libpq is; both are deleted when
 * the application context closes. Nothing here logs a path's content or a password.
 */
public final class SslBundleFiles implements DisposableBean {
    private static final Logger LOG = Logger.getLogger(SslBundleFiles.class.getName());
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final String bundleName;
    private final Path directory;
    private final Path rootCert;
    private final Path clientCert;
    private final Path clientKey;
    private volatile boolean hasTrust;
    private volatile boolean hasKey;

    private SslBundleFiles(String bundleName, Path directory) {
        this.bundleName = bundleName;
        this.directory = directory;
        this.rootCert = directory.resolve("root.crt");
        this.clientCert = directory.resolve("postgresql.crt");
        this.clientKey = directory.resolve("postgresql.key");
    }

    /**
     * Writes the named bundle's files and follows its updates.
     *
     * @param bundles the application's bundles
     * @param bundleName the bundle to use ({@code pgssl.ssl-bundle})
     * @return the written files
     * @throws IllegalStateException when the bundle has neither trusted certificates nor a key
     */
    public static SslBundleFiles of(SslBundles bundles, String bundleName) {
        SslBundle bundle = bundles.getBundle(bundleName);
        Path dir;
        try {
            dir = POSIX
                    ? Files.createTempDirectory("pgssl-bundle-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory("pgssl-bundle-");
        } catch (IOException e) {
            throw new UncheckedIOException("pgssl.ssl-bundle: cannot create a private directory for bundle \"" + bundleName
                    + "\"'s files; check java.io.tmpdir", e);
        }
        SslBundleFiles files = new SslBundleFiles(bundleName, dir);
        files.write(bundle);
        if (!files.hasTrust && !files.hasKey) {
            files.destroy();
            throw new IllegalStateException("pgssl.ssl-bundle: bundle \"" + bundleName + "\" has no trusted certificates"
                    + " and no key; set spring.ssl.bundle.pem." + bundleName + ".truststore.certificate (or a jks"
                    + " bundle's truststore) to the CA that signed the database server's certificate");
        }
        bundles.addBundleUpdateHandler(bundleName, updated -> {
            try {
                files.write(updated);
            } catch (RuntimeException e) {
                // The old files stay: new connections keep the previous, working material.
                LOG.log(Level.SEVERE, "pgssl.ssl-bundle: bundle \"" + bundleName + "\" was updated but could not be"
                        + " written (" + e.getClass().getSimpleName() + "); new connections keep the previous material");
            }
        });
        return files;
    }

    /** {@return the bundle's trusted certificates as a PEM file, if it has any} */
    public Optional<Path> rootCertificate() {
        return hasTrust ? Optional.of(rootCert) : Optional.empty();
    }

    /** {@return the bundle's certificate chain as a PEM file, if it has a key} */
    public Optional<Path> clientCertificate() {
        return hasKey ? Optional.of(clientCert) : Optional.empty();
    }

    /** {@return the bundle's private key as an unencrypted PKCS#8 PEM file (0600), if it has one} */
    public Optional<Path> clientKey() {
        return hasKey ? Optional.of(clientKey) : Optional.empty();
    }

    /** {@return the bundle's name} */
    public String bundleName() {
        return bundleName;
    }

    synchronized void write(SslBundle bundle) {
        SslStoreBundle stores = bundle.getStores();
        List<Certificate> trusted = trusted(stores.getTrustStore());
        if (!trusted.isEmpty()) {
            replace(rootCert, pem("CERTIFICATE", trusted), false);
            hasTrust = true;
        }
        KeyStore keyStore = stores.getKeyStore();
        if (keyStore != null) {
            PrivateKeyEntry entry = privateKey(keyStore, bundle.getKey(), stores.getKeyStorePassword());
            if (entry != null) {
                replace(clientKey, pem("PRIVATE KEY", entry.key.getEncoded()), true);
                replace(clientCert, pem("CERTIFICATE", entry.chain), false);
                hasKey = true;
            }
        }
    }

    private record PrivateKeyEntry(PrivateKey key, List<Certificate> chain) {
        @Override
        public String toString() {
            return "PrivateKeyEntry[redacted]";
        }
    }

    private PrivateKeyEntry privateKey(KeyStore ks, SslBundleKey bundleKey, String storePassword) {
        try {
            String alias = bundleKey.getAlias();
            if (alias == null) {
                for (String a : Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(a)) {
                        alias = a;
                        break;
                    }
                }
            }
            if (alias == null) {
                return null;
            }
            Key key = null;
            for (String candidate : new String[] {bundleKey.getPassword(), storePassword, ""}) {
                try {
                    key = ks.getKey(alias, candidate == null ? null : candidate.toCharArray());
                    if (key != null) {
                        break;
                    }
                } catch (java.security.UnrecoverableKeyException wrongPassword) {
                    // try the next candidate; Boot's PEM bundles use the key password or none
                }
            }
            if (!(key instanceof PrivateKey pk)) {
                throw new IllegalStateException("pgssl.ssl-bundle: bundle \"" + bundleName + "\": the key \"" + alias
                        + "\" cannot be read with the bundle's key or store password; set spring.ssl.bundle.*."
                        + bundleName + ".key.password");
            }
            Certificate[] chain = ks.getCertificateChain(alias);
            return new PrivateKeyEntry(pk, chain == null ? List.of() : List.of(chain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("pgssl.ssl-bundle: bundle \"" + bundleName + "\": the key store cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private List<Certificate> trusted(KeyStore ts) {
        if (ts == null) {
            return List.of();
        }
        try {
            List<Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(ts.aliases())) {
                if (ts.isCertificateEntry(alias)) {
                    out.add(ts.getCertificate(alias));
                } else if (ts.isKeyEntry(alias) && ts.getCertificateChain(alias) != null) {
                    // a JKS/PKCS#12 trust store may hold the CA as a chain entry
                    Certificate[] chain = ts.getCertificateChain(alias);
                    out.add(chain[chain.length - 1]);
                }
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("pgssl.ssl-bundle: bundle \"" + bundleName + "\": the trust store cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String pem(String type, List<Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        for (Certificate c : certificates) {
            try {
                sb.append(pem(type, c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("pgssl.ssl-bundle: a certificate cannot be encoded", e);
            }
        }
        return sb.toString();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes a sibling temporary file and moves it over the target: readers see the old or the new file, whole. */
    private void replace(Path target, String content, boolean secret) {
        try {
            Path tmp = POSIX
                    ? Files.createTempFile(directory, ".tmp-", ".pem",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")))
                    : Files.createTempFile(directory, ".tmp-", ".pem");
            Files.write(tmp, content.getBytes(StandardCharsets.US_ASCII));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("pgssl.ssl-bundle: cannot write " + target.getFileName() + " for bundle \""
                    + bundleName + "\" in " + directory, e);
        }
    }

    /** Deletes the files and their directory. */
    @Override
    public void destroy() {
        for (Path p : new Path[] {rootCert, clientCert, clientKey}) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
        try (var s = Files.list(directory)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "SslBundleFiles[bundle=" + bundleName + ", directory=" + directory + "]";
    }
}
