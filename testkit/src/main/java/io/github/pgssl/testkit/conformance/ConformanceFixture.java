package io.github.pgssl.testkit.conformance;

import io.github.pgssl.testkit.pki.KeyAlgorithm;
import io.github.pgssl.testkit.pki.KeyFormat;
import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestCrl;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The servers and files the conformance cases use: one {@link TestPki}, its files in a private
 * directory, and five servers started once per suite run.
 */
public final class ConformanceFixture implements AutoCloseable {
    /** The servers of the suite. */
    public enum Server {
        /** TLS on with root -> intermediate -> leaf ({@code common-name.pg-ssltest.test}); client CA = root. */
        MAIN,
        /** {@code ssl=off}. */
        NO_TLS,
        /** TLS on with an expired leaf. */
        EXPIRED,
        /** TLS on with a leaf that the intermediate's CRL revokes. */
        REVOKED,
        /**
         * TLS on with a leaf whose SANs are {@value #WILDCARD_SAN} and iPAddress 127.0.0.1 (CN
         * {@value #NAMES_CN}, never consulted since SANs of both types exist).
         */
        NAMES,
        /** PostgreSQL's suite {@code server-cn-only}: CN {@value #SUITE_CN}, no SAN. */
        SUITE_CN_ONLY,
        /** {@code server-multiple-alt-names}: SANs dns1/dns2.alt-name and *.wildcard (CN ignored). */
        SUITE_MULTIPLE_SANS,
        /** {@code server-single-alt-name}: SAN single.alt-name only. */
        SUITE_SINGLE_SAN,
        /** {@code server-cn-and-alt-names}: CN {@value #SUITE_CN} and SANs dns1/dns2.alt-name. */
        SUITE_CN_AND_SANS,
        /** {@code server-no-names}: neither CN nor SAN. */
        SUITE_NO_NAMES,
        /** {@code server-ip-cn-only}: CN 192.0.2.1. */
        SUITE_IP_CN,
        /** {@code server-ip-alt-names}: iPAddress SANs 192.0.2.1 and 2001:DB8::1. */
        SUITE_IP_SANS,
        /** {@code server-cn-and-ip-alt-names}: CN {@value #SUITE_CN}, iPAddress SANs 192.0.2.1 and 2001:DB8::1. */
        SUITE_CN_AND_IP_SANS,
        /** {@code server-ip-cn-and-alt-names}: CN 192.0.2.1, iPAddress SANs 192.0.2.2 and 2001:DB8::1. */
        SUITE_IP_CN_AND_IP_SANS,
        /** {@code server-ip-cn-and-dns-alt-names}: CN 192.0.2.1, SANs dns1/dns2.alt-name. */
        SUITE_IP_CN_AND_DNS_SANS,
        /** {@code server-ip-in-dnsname}: a dNSName SAN holding 192.0.2.1. */
        SUITE_IP_IN_DNSNAME,
        /** {@code server-rsapss}: an RSASSA-PSS key, CN {@value #SUITE_CN}. */
        SUITE_RSA_PSS,
        /**
         * The main server's certificate and client CA, plus a server-side CRL directory
         * ({@code ssl_crl_dir}, hashed names) revoking {@link ConformanceFixture#CLIENT_REVOKED_UTF8_CRT}:
         * the suite's {@code root+client-crldir}. Started on first use.
         */
        CLIENT_CRLDIR;

        /** The common name of PostgreSQL's suite certificates. */
        public static final String SUITE_CN = "common-name.pg-ssltest.test";

        /** {@return whether this is one of the suite's certificate shapes, served one at a time by a shared server} */
        public boolean suiteShape() {
            return name().startsWith("SUITE_");
        }

        /** The wildcard dNSName of the {@link #NAMES} server. */
        public static final String WILDCARD_SAN = "*.wildcard.pg-ssltest.test";
        /** The CN of the {@link #NAMES} server. */
        public static final String NAMES_CN = "names-cn.pg-ssltest.test";
    }

    /** The password of the encrypted client key files. */
    public static final String KEY_PASSWORD = "key-pass!word";

    /** The password of the suite's encrypted client keys ({@code client-encrypted-pem.key}, {@code client-encrypted-der.key}). */
    public static final String SUITE_KEY_PASSWORD = "dUmmyP^#+";

    /** File names in {@link #directory()}. */
    static final String CRLDIR_ALL = "root+server-crldir";
    static final String CRLDIR_UNRELATED = "client-crldir";
    static final String SUITE_ENCRYPTED_PEM_KEY = "client-encrypted-pem.key";
    static final String SUITE_ENCRYPTED_DER_KEY = "client-encrypted-der.key";
    static final String CLIENT_DN_CRT = "client-dn.crt";
    static final String CLIENT_DN_KEY = "client-dn.key";
    static final String CLIENT_LONG_CRT = "client-long.crt";
    static final String CLIENT_LONG_KEY = "client-long.key";
    static final String CLIENT_REVOKED_UTF8_CRT = "client-revoked-utf8.crt";
    static final String CLIENT_REVOKED_UTF8_KEY = "client-revoked-utf8.key";
    /** The suite's long subject CN (client-long): 64 characters, the most X.520 allows. */
    static final String LONG_CN = "ssl-123456789012345678901234567890123456789012345678901234567890";
    /** The suite's UTF-8 subject CN (client-revoked-utf8). */
    static final String UTF8_CN = "\u039f\u03b4\u03c5\u03c3\u03c3\u03ad\u03b1\u03c2";
    static final String ROOT = "root.crt";
    static final String INTERMEDIATE = "intermediate.crt";
    static final String UNRELATED = "unrelated.crt";
    static final String MISSING = "missing.crt";
    static final String CRL_ALL = "root+server.crl";
    static final String CRL_ROOT_ONLY = "root-only.crl";
    static final String CRL_MISSING = "missing.crl";
    static final String CRL_UNRELATED = "unrelated.crl";
    static final String ROOT_AND_INTERMEDIATE = "root+intermediate.crt";
    static final String CLIENT_EC_CRT = "client-ec.crt";
    static final String CLIENT_RSA_CRT = "client-rsa.crt";
    static final String WORLD_READABLE_KEY = "client-ec.world-readable.key";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(port|socket|file:[^}]+)\\}");

    private final TestPki pki;
    private final Path directory;
    private final Map<Server, PostgresServer> servers = new EnumMap<>(Server.class);
    private final Map<Server, TestCertificate> shapes = new EnumMap<>(Server.class);
    private PostgresServer suiteServer;
    private PostgresServer clientCrlServer;
    private TestCrl clientCrl;
    private Server servedShape;
    private int homes;

    private ConformanceFixture(TestPki pki, Path directory) {
        this.pki = pki;
        this.directory = directory;
    }

    /**
     * Generates the PKI, writes its files and starts the servers.
     *
     * @return the running fixture; close it to stop the servers and delete its files
     */
    public static ConformanceFixture start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("pgssl-conformance-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        ConformanceFixture f = new ConformanceFixture(TestPki.generate(), dir);
        try {
            long t1 = System.nanoTime();
            f.writeFiles();
            long t2 = System.nanoTime();
            f.startServers();
            long t3 = System.nanoTime();
            System.out.printf("pgssl conformance fixture: PKI %d ms, files %d ms, %d servers (PostgreSQL %s) %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, f.servers.size(), f.servers.get(Server.MAIN).binaries().version(),
                    (t3 - t2) / 1_000_000);
            return f;
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** The key file name of a client key in {@code format} ({@code ec} or {@code rsa}). */
    static String keyFile(String algorithm, KeyFormat format) {
        return "client-" + algorithm + "." + format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".key";
    }

    private void writeFiles() {
        pki.root().writeCertificatePem(directory.resolve(ROOT));
        pki.intermediate().writeCertificatePem(directory.resolve(INTERMEDIATE));
        pki.unrelatedRoot().writeCertificatePem(directory.resolve(UNRELATED));
        TestCrl.writePem(directory.resolve(CRL_ALL), List.of(pki.rootCrl(), pki.intermediateCrl()));
        TestCrl.writePem(directory.resolve(CRL_ROOT_ONLY), List.of(pki.rootCrl()));
        TestCrl.writePem(directory.resolve(CRL_UNRELATED), List.of(pki.unrelatedRoot().crl()));
        TestCertificate.writeBundlePem(directory.resolve(ROOT_AND_INTERMEDIATE), List.of(pki.root(), pki.intermediate()));
        writeClient("ec", pki.client(), List.of(KeyFormat.SEC1_PEM, KeyFormat.PKCS8_PEM, KeyFormat.PKCS8_ENCRYPTED_PEM,
                KeyFormat.LEGACY_ENCRYPTED_PEM, KeyFormat.TRADITIONAL_DER, KeyFormat.PKCS8_DER, KeyFormat.PKCS12));
        writeClient("rsa", pki.clientRsa(), List.of(KeyFormat.PKCS1_PEM, KeyFormat.PKCS8_PEM, KeyFormat.PKCS8_ENCRYPTED_PEM,
                KeyFormat.LEGACY_ENCRYPTED_PEM, KeyFormat.TRADITIONAL_DER, KeyFormat.PKCS8_DER, KeyFormat.PKCS12));
        // PostgreSQL's suite shapes on the client side: CRL directories with OpenSSL's hashed names,
        // encrypted keys (PEM and DER) with the suite's passphrase, a DN-mapped, a long and a UTF-8 subject.
        TestCrl.writeHashedDirectory(directory.resolve(CRLDIR_ALL), List.of(pki.rootCrl(), pki.intermediateCrl()));
        TestCrl.writeHashedDirectory(directory.resolve(CRLDIR_UNRELATED), List.of(pki.unrelatedRoot().crl()));
        pki.client().writeKey(directory.resolve(SUITE_ENCRYPTED_PEM_KEY), KeyFormat.PKCS8_ENCRYPTED_PEM, SUITE_KEY_PASSWORD);
        // The suite's "encrypted DER" key is made by `openssl rsa -outform DER -passout ...` without a
        // cipher, so it is a plain DER key (sslfiles.mk: an encrypted one is unusable to libpq with
        // OpenSSL 3; psql 15 here says "unsupported"). The row tests that sslpassword does no harm.
        pki.client().writeKey(directory.resolve(SUITE_ENCRYPTED_DER_KEY), KeyFormat.TRADITIONAL_DER);
        TestCertificate dn = TestCertificate.builder().organization("PGDG").organizationalUnit("Engineering", "Testing")
                .commonName(io.github.pgssl.testkit.server.ServerPresets.CLIENT_DN_CN).signedBy(pki.root()).build();
        dn.writeChainPem(directory.resolve(CLIENT_DN_CRT));
        dn.writeKey(directory.resolve(CLIENT_DN_KEY), KeyFormat.SEC1_PEM);
        // Issued by a CA the servers do not list in ssl_ca_file: the server refuses it (unknown ca).
        TestCertificate longDn = TestCertificate.builder().organization("PGDG")
                .organizationalUnit("Engineering", "Testing", "Long Subject Names, for logging tests").commonName(LONG_CN)
                .signedBy(pki.unrelatedRoot()).build();
        longDn.writeChainPem(directory.resolve(CLIENT_LONG_CRT));
        longDn.writeKey(directory.resolve(CLIENT_LONG_KEY), KeyFormat.SEC1_PEM);
        TestCertificate utf8 = TestCertificate.builder().commonName(UTF8_CN).signedBy(pki.root()).build();
        utf8.writeChainPem(directory.resolve(CLIENT_REVOKED_UTF8_CRT));
        utf8.writeKey(directory.resolve(CLIENT_REVOKED_UTF8_KEY), KeyFormat.SEC1_PEM);
        clientCrl = pki.root().crl(utf8);
        Path world = pki.client().writeKey(directory.resolve(WORLD_READABLE_KEY), KeyFormat.SEC1_PEM);
        try {
            Files.setPosixFilePermissions(world, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeClient(String algorithm, TestCertificate client, List<KeyFormat> formats) {
        client.writeChainPem(directory.resolve("client-" + algorithm + ".crt"));
        for (KeyFormat f : formats) {
            Path file = directory.resolve(keyFile(algorithm, f));
            if (f.needsPassword()) {
                client.writeKey(file, f, KEY_PASSWORD);
            } else {
                client.writeKey(file, f);
            }
        }
    }

    private void startServers() {
        TestCertificate root = pki.root();
        Map<Server, ServerTls> tls = new EnumMap<>(Server.class);
        tls.put(Server.MAIN, ServerTls.of(pki.server()).withClientCas(root));
        tls.put(Server.NO_TLS, null);
        tls.put(Server.EXPIRED, ServerTls.of(pki.expiredServer()).withClientCas(root));
        tls.put(Server.REVOKED, ServerTls.of(pki.revokedServer()).withClientCas(root));
        TestCertificate names = TestCertificate.builder().commonName(Server.NAMES_CN).dnsName(Server.WILDCARD_SAN)
                .ipAddress("127.0.0.1").signedBy(pki.intermediate()).build();
        tls.put(Server.NAMES, ServerTls.of(names).withClientCas(root));
        // Start them side by side: each start mostly waits on process creation and the postmaster.
        Map<Server, java.util.concurrent.CompletableFuture<PostgresServer>> starting = new EnumMap<>(Server.class);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(tls.size());
        tls.forEach((server, t) -> starting.put(server,
                java.util.concurrent.CompletableFuture.supplyAsync(() -> PostgresServer.builder().tls(t).start(), pool)));
        pool.shutdown();
        RuntimeException failure = null;
        for (Map.Entry<Server, java.util.concurrent.CompletableFuture<PostgresServer>> e : starting.entrySet()) {
            try {
                servers.put(e.getKey(), e.getValue().join());
            } catch (java.util.concurrent.CompletionException ex) {
                if (failure == null) {
                    failure = ex.getCause() instanceof RuntimeException r ? r : ex;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** {@return the PKI} */
    public TestPki pki() {
        return pki;
    }

    /** {@return the directory holding the certificate, key and CRL files} */
    public Path directory() {
        return directory;
    }

    /**
     * A running server. The suite's certificate shapes share one server, started on first use and
     * reloaded with the shape's certificate when another shape was served last (cases of one shape
     * run together, so a suite run reloads once per shape).
     *
     * @param server which of the fixture's servers
     * @return that server; for a suite shape, the shared server now presenting that shape's certificate
     */
    public synchronized PostgresServer server(Server server) {
        if (server == Server.CLIENT_CRLDIR) {
            if (clientCrlServer == null) {
                clientCrlServer = PostgresServer.builder()
                        .tls(ServerTls.of(pki.server()).withClientCas(pki.root()).withCrlDirectory(clientCrl)).start();
            }
            return clientCrlServer;
        }
        if (!server.suiteShape()) {
            return servers.get(server);
        }
        TestCertificate cert = shapes.computeIfAbsent(server, this::shape);
        if (suiteServer == null) {
            suiteServer = PostgresServer.builder().tls(ServerTls.of(cert).withClientCas(pki.root())).start();
        } else if (servedShape != server) {
            suiteServer.reconfigureTls(ServerTls.of(cert).withClientCas(pki.root()));
        }
        servedShape = server;
        return suiteServer;
    }

    /** The certificate of one of PostgreSQL's suite shapes, issued by the intermediate (the suite's server CA). */
    private TestCertificate shape(Server s) {
        String cn = Server.SUITE_CN;
        String dns1 = "dns1.alt-name.pg-ssltest.test";
        String dns2 = "dns2.alt-name.pg-ssltest.test";
        TestCertificate.Builder b = TestCertificate.builder().signedBy(pki.intermediate());
        switch (s) {
            case SUITE_CN_ONLY -> b.commonName(cn);
            case SUITE_MULTIPLE_SANS -> b.commonName("multiple-alt-names.pg-ssltest.test").dnsName(dns1, dns2, "*.wildcard.pg-ssltest.test");
            case SUITE_SINGLE_SAN -> b.commonName("single-alt-name.pg-ssltest.test").dnsName("single.alt-name.pg-ssltest.test");
            case SUITE_CN_AND_SANS -> b.commonName(cn).dnsName(dns1, dns2);
            case SUITE_NO_NAMES -> b.commonName("no names").withoutCommonName();
            case SUITE_IP_CN -> b.commonName("192.0.2.1");
            case SUITE_IP_SANS -> b.commonName("ip-alt-names").withoutCommonName().ipAddress("192.0.2.1", "2001:DB8::1");
            case SUITE_CN_AND_IP_SANS -> b.commonName(cn).ipAddress("192.0.2.1", "2001:DB8::1");
            case SUITE_IP_CN_AND_IP_SANS -> b.commonName("192.0.2.1").ipAddress("192.0.2.2", "2001:DB8::1");
            case SUITE_IP_CN_AND_DNS_SANS -> b.commonName("192.0.2.1").dnsName(dns1, dns2);
            case SUITE_IP_IN_DNSNAME -> b.commonName("ip-in-dnsname").withoutCommonName().dnsName("192.0.2.1");
            case SUITE_RSA_PSS -> b.commonName(cn).dnsName(cn).keyAlgorithm(KeyAlgorithm.RSA_PSS_2048);
            default -> throw new IllegalArgumentException(s + " is not a suite shape");
        }
        return b.build();
    }

    /** {@return the major version of the servers} */
    public int serverMajorVersion() {
        return servers.get(Server.MAIN).majorVersion();
    }

    /**
     * Replaces {@code {port}}, {@code {socket}} and {@code {file:NAME}} in {@code template}.
     *
     * @param template a connection string or message fragment with placeholders
     * @param server the server whose port and socket directory fill {@code {port}} and {@code {socket}}
     * @return the text with every placeholder replaced; {@code {file:NAME}} becomes the path of
     *         {@code NAME} in {@link #directory()}
     */
    public String resolve(String template, Server server) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value;
            if (key.equals("port")) {
                value = Integer.toString(server(server).port());
            } else if (key.equals("socket")) {
                value = server(server).socketDirectory().toString();
            } else {
                value = directory.resolve(key.substring(5)).toString();
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * A fresh, empty HOME for a case, with {@code ~/.postgresql/root.crt} copied from {@code rootFile} if given.
     *
     * @param caseId the case's id, used in the directory name
     * @param rootFile the name of a file in {@link #directory()} to copy as {@code root.crt}, or {@code null}
     * @return the new home directory, under {@link #directory()}
     */
    public synchronized Path newHome(String caseId, String rootFile) {
        try {
            Path home = directory.resolve("homes").resolve((homes++) + "-" + caseId.replaceAll("[^A-Za-z0-9._-]", "_"));
            Files.createDirectories(home);
            if (rootFile != null) {
                Path pg = Files.createDirectories(home.resolve(".postgresql"));
                Files.copy(directory.resolve(rootFile), pg.resolve("root.crt"), StandardCopyOption.REPLACE_EXISTING);
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the servers and deletes the files. */
    @Override
    public void close() {
        RuntimeException first = null;
        if (suiteServer != null) {
            servers.put(Server.SUITE_CN_ONLY, suiteServer);
            suiteServer = null;
        }
        if (clientCrlServer != null) {
            servers.put(Server.CLIENT_CRLDIR, clientCrlServer);
            clientCrlServer = null;
        }
        for (PostgresServer s : servers.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        servers.clear();
        try (var s = Files.walk(directory)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            if (first == null) {
                first = new UncheckedIOException(e);
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
