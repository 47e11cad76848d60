package io.github.pgssl.internal.tls;

import io.github.pgssl.ClientIdentity;
import io.github.pgssl.Secret;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterialException;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TrustSource;
import io.github.pgssl.internal.pem.CertificateReader;
import io.github.pgssl.internal.pem.KeyReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Reads every file of a policy into a {@link Snapshot}. All file I/O of the TLS layer is here. Not API. */
final class MaterialLoader {
    private MaterialLoader() {
    }

    static Snapshot load(SslPolicy.Tls policy, long generation) {
        TlsOptions o = policy.options();
        List<Path> watched = new ArrayList<>();
        collectWatched(o, watched);
        // stamps first: a change during the read is noticed at the next check
        List<FileStamp> stamps = FileStamp.of(watched);

        List<X509Certificate> trusted = new ArrayList<>();
        Set<String> pins = null;
        String trustName;
        boolean crlCapable = false;
        TrustSource t = o.trust();
        if (t instanceof TrustSource.None) {
            trustName = "no trust source";
        } else if (t instanceof TrustSource.Pinned p) {
            pins = new HashSet<>(p.sha256Fingerprints());
            trustName = "pgssl.pin";
        } else if (t instanceof TrustSource.PemFile f) {
            trusted.addAll(readCertificates("sslrootcert", f.file(), "root certificate file", null));
            trustName = "sslrootcert \"" + f.file() + "\"";
            crlCapable = true;
        } else if (t instanceof TrustSource.PemText pt) {
            try {
                trusted.addAll(CertificateReader.certificates(pt.pem().getBytes(StandardCharsets.US_ASCII), null));
            } catch (IllegalArgumentException e) {
                throw new TlsMaterialException("sslrootcert", null, "could not read the CA certificate text: "
                        + e.getMessage() + "; provide PEM certificates");
            }
            trustName = "the configured CA certificates";
            crlCapable = true;
        } else if (t instanceof TrustSource.KeyStoreFile k) {
            trusted.addAll(keyStoreCertificates(k));
            trustName = "key store \"" + k.file() + "\"";
            crlCapable = true;
        } else if (t instanceof TrustSource.SystemPaths sp) {
            if (sp.certFile() != null && Files.exists(sp.certFile())) {
                try {
                    trusted.addAll(CertificateReader.certificates(read("sslrootcert", sp.certFile(), "SSL_CERT_FILE"), null));
                } catch (IllegalArgumentException e) {
                    throw new TlsMaterialException("sslrootcert", sp.certFile(), "could not read SSL_CERT_FILE \""
                            + sp.certFile() + "\": " + e.getMessage() + "; point SSL_CERT_FILE at a PEM bundle");
                }
            }
            for (Path dir : sp.certDirs()) {
                trusted.addAll(certificatesInDirectory(dir));
            }
            trustName = "SSL_CERT_FILE/SSL_CERT_DIR";
        } else {
            trusted.addAll(jdkTrustedCertificates());
            trustName = "the system trust store";
        }

        List<TrustAnchor> anchors = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        for (X509Certificate c : trusted) {
            // OpenSSL needs a self-signed anchor: a root file holding only an intermediate does not verify.
            // Like OpenSSL (X509_check_issued, no CHECK_SS_SIGNATURE), a self-issued name suffices; not
            // verifying 120 root signatures keeps the first build of an RDS-size bundle cheap.
            if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                anchors.add(new TrustAnchor(c, null));
            } else {
                intermediates.add(c);
            }
        }

        List<X509CRL> crls = crlCapable ? loadCrls(o) : null;

        PrivateKey key = null;
        X509Certificate[] chain = null;
        ClientIdentity id = o.identity();
        if (id.isPresent()) {
            Path certFile = id.certificateFile().orElseThrow();
            Path keyFile = id.keyFile().orElseThrow();
            Secret pw = id.keyPassword().orElse(null);
            List<X509Certificate> certs = readCertificates("sslcert", certFile, "certificate file", pw);
            chain = certs.toArray(new X509Certificate[0]);
            key = loadKey(keyFile, pw);
            if (!matches(key, chain[0].getPublicKey())) {
                throw new TlsMaterialException("sslkey", keyFile, "certificate does not match private key file \""
                        + keyFile + "\"; set sslcert and sslkey to a certificate and its own key");
            }
        }
        return new Snapshot(generation, stamps, List.copyOf(anchors), List.copyOf(intermediates),
                crls == null ? null : List.copyOf(crls), pins == null ? null : Set.copyOf(pins), key, chain, trustName);
    }

    static void collectWatched(TlsOptions o, List<Path> watched) {
        TrustSource t = o.trust();
        if (t instanceof TrustSource.PemFile f) {
            watched.add(f.file());
        } else if (t instanceof TrustSource.KeyStoreFile k) {
            watched.add(k.file());
        } else if (t instanceof TrustSource.SystemPaths sp) {
            if (sp.certFile() != null) {
                watched.add(sp.certFile());
            }
            watched.addAll(sp.certDirs());
        }
        if (t instanceof TrustSource.PemFile || t instanceof TrustSource.PemText || t instanceof TrustSource.KeyStoreFile) {
            addIfPresent(watched, o.crlFile());
            addIfPresent(watched, o.crlDirectory());
        }
        addIfPresent(watched, o.identity().certificateFile());
        addIfPresent(watched, o.identity().keyFile());
    }

    private static void addIfPresent(List<Path> watched, Optional<Path> path) {
        if (path.isPresent()) {
            watched.add(path.get());
        }
    }

    /** libpq: CRLs are used when the file or directory exists; a missing one is silently ignored. */
    private static List<X509CRL> loadCrls(TlsOptions o) {
        boolean enabled = false;
        List<X509CRL> crls = new ArrayList<>();
        if (o.crlFile().isPresent() && Files.exists(o.crlFile().get())) {
            Path f = o.crlFile().get();
            enabled = true;
            try {
                crls.addAll(CertificateReader.crls(read("sslcrl", f, "SSL certificate revocation list file")));
            } catch (IllegalArgumentException e) {
                throw new TlsMaterialException("sslcrl", f, "could not load SSL certificate revocation list file \"" + f
                        + "\": " + e.getMessage() + "; provide a PEM or DER CRL, or unset sslcrl");
            }
        }
        if (o.crlDirectory().isPresent() && Files.isDirectory(o.crlDirectory().get())) {
            enabled = true;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(o.crlDirectory().get())) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p)) {
                        try {
                            crls.addAll(CertificateReader.crls(Files.readAllBytes(p)));
                        } catch (IllegalArgumentException | IOException notACrl) {
                            // OpenSSL looks CRLs up by hash name and ignores other files
                        }
                    }
                }
            } catch (IOException e) {
                throw new TlsMaterialException("sslcrldir", o.crlDirectory().get(), "could not read SSL certificate revocation list directory \""
                        + o.crlDirectory().get() + "\": " + e.getMessage() + "; fix its permissions or unset sslcrldir");
            }
        }
        return enabled ? crls : null;
    }

    private static List<X509Certificate> readCertificates(String setting, Path file, String what, Secret pw) {
        byte[] b = read(setting, file, what);
        try {
            return CertificateReader.certificates(b, pw);
        } catch (IllegalArgumentException e) {
            String fix = e.getMessage().contains("sslpassword") ? "" : "; provide PEM, DER or PKCS#12 certificates";
            throw new TlsMaterialException(setting, file, "could not read " + what + " \"" + file + "\": " + e.getMessage() + fix);
        }
    }

    private static PrivateKey loadKey(Path keyFile, Secret pw) {
        if (!Files.exists(keyFile)) {
            throw new TlsMaterialException("sslkey", keyFile, "certificate present, but not private key file \"" + keyFile
                    + "\"; provide the key file or set sslkey");
        }
        if (!Files.isRegularFile(keyFile)) {
            throw new TlsMaterialException("sslkey", keyFile, "private key file \"" + keyFile + "\" is not a regular file");
        }
        checkPermissions(keyFile);
        byte[] b = read("sslkey", keyFile, "private key file");
        try {
            return KeyReader.read(b, pw);
        } catch (KeyReader.KeyReadException e) {
            String tail = switch (e.problem()) {
                case BAD_DECRYPT -> "bad decrypt; check sslpassword";
                case NEEDS_PASSWORD -> "the key is encrypted; set sslpassword";
                case UNREADABLE -> e.getMessage() + "; provide a PEM, DER or PKCS#12 private key";
            };
            throw new TlsMaterialException("sslkey", keyFile, "could not load private key file \"" + keyFile + "\": " + tail);
        }
    }

    /** libpq's rule: u=rw (0600) or less, or u=rw,g=r (0640) or less when the file is owned by root. */
    static void checkPermissions(Path keyFile) {
        int uid;
        int mode;
        try {
            uid = (Integer) Files.getAttribute(keyFile, "unix:uid");
            mode = (Integer) Files.getAttribute(keyFile, "unix:mode");
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return; // not a POSIX file system (Windows): libpq skips the check there too
        }
        int bad = uid == 0 ? mode & (0020 | 0010 | 0007) : mode & (0070 | 0007);
        if (bad != 0) {
            throw new TlsMaterialException("sslkey", keyFile, "private key file \"" + keyFile
                    + "\" has group or world access; file must have permissions u=rw (0600) or less if owned by the current user, or permissions u=rw,g=r (0640) or less if owned by root");
        }
    }

    private static byte[] read(String setting, Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsMaterialException(setting, file, "could not open " + what + " \"" + file
                    + "\": No such file or directory; provide the file or change " + setting);
        } catch (IOException e) {
            throw new TlsMaterialException(setting, file, "could not open " + what + " \"" + file + "\": "
                    + e.getClass().getSimpleName() + "; check the file's permissions or change " + setting);
        }
    }

    private static List<X509Certificate> certificatesInDirectory(Path dir) {
        List<X509Certificate> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    try {
                        out.addAll(CertificateReader.certificates(Files.readAllBytes(p), null));
                    } catch (IllegalArgumentException | IOException skip) {
                        // OpenSSL's hashed directories hold other files too
                    }
                }
            }
        } catch (IOException e) {
            // an unreadable directory adds nothing, as for OpenSSL
        }
        return out;
    }

    private static List<X509Certificate> keyStoreCertificates(TrustSource.KeyStoreFile k) {
        byte[] b = read("sslrootcert", k.file(), "key store");
        String type = k.type() == null ? KeyStore.getDefaultType() : k.type();
        char[] pw = k.password() == null ? null : k.password().revealChars();
        try {
            KeyStore ks = KeyStore.getInstance(type.toUpperCase(Locale.ROOT));
            ks.load(new ByteArrayInputStream(b), pw);
            List<X509Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                Certificate c = ks.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return out;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new TlsMaterialException("sslrootcert", k.file(), "could not read key store \"" + k.file() + "\": "
                    + e.getMessage() + "; check the file, its type and its password");
        } finally {
            if (pw != null) {
                java.util.Arrays.fill(pw, '\0');
            }
        }
    }

    private static List<X509Certificate> jdkTrustedCertificates() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return List.of(x.getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (java.security.GeneralSecurityException e) {
            throw new TlsMaterialException("sslrootcert", null, "could not load the JDK's trusted certificates: " + e.getMessage()
                    + "; check javax.net.ssl.trustStore or set SSL_CERT_FILE");
        }
    }

    /** Whether the private key belongs to the certificate's public key. */
    static boolean matches(PrivateKey key, PublicKey pub) {
        if (key instanceof RSAPrivateKey r && pub instanceof RSAPublicKey p) {
            return r.getModulus().equals(p.getModulus());
        }
        if (!key.getAlgorithm().equals(pub.getAlgorithm())
                && !(key.getAlgorithm().startsWith("Ed") && pub.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (alg == null) {
            return true; // cannot test cheaply; the handshake will tell
        }
        try {
            byte[] probe = "pgssl key match probe".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(probe);
            return v.verify(sig);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
