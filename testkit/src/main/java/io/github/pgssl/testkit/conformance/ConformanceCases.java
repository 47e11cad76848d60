package io.github.pgssl.testkit.conformance;

import static io.github.pgssl.testkit.conformance.ConformanceFixture.CLIENT_EC_CRT;
import static io.github.pgssl.testkit.conformance.ConformanceFixture.CLIENT_RSA_CRT;
import static io.github.pgssl.testkit.conformance.ConformanceFixture.CRL_ALL;
import static io.github.pgssl.testkit.conformance.ConformanceFixture.CRL_MISSING;
import static io.github.pgssl.testkit.conformance.ConformanceFixture.CRL_ROOT_ONLY;
import static io.github.pgssl.testkit.conformance.ConformanceFixture.INTERMEDIATE;
import static io.github.pgssl.testkit.conformance.ConformanceFixture.KEY_PASSWORD;
import static io.github.pgssl.testkit.conformance.ConformanceFixture.MISSING;
import static io.github.pgssl.testkit.conformance.ConformanceFixture.ROOT;
import static io.github.pgssl.testkit.conformance.ConformanceFixture.UNRELATED;
import static io.github.pgssl.testkit.conformance.ConformanceFixture.WORLD_READABLE_KEY;
import static io.github.pgssl.testkit.server.ServerPresets.CERT_DB;
import static io.github.pgssl.testkit.server.ServerPresets.NOSSL_DB;
import static io.github.pgssl.testkit.server.ServerPresets.SCRAM_PASSWORD;
import static io.github.pgssl.testkit.server.ServerPresets.SCRAM_PASSWORD_URI_ENCODED;
import static io.github.pgssl.testkit.server.ServerPresets.SCRAM_USER;
import static io.github.pgssl.testkit.server.ServerPresets.SSL_DB;
import static io.github.pgssl.testkit.server.ServerPresets.TRUST_DB;
import static io.github.pgssl.testkit.server.ServerPresets.TRUST_USER;
import static io.github.pgssl.testkit.server.ServerPresets.VERIFY_DB;


import io.github.pgssl.testkit.conformance.ConformanceFixture.Server;
import io.github.pgssl.testkit.pki.KeyFormat;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.ServerPresets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The conformance matrix: libpq's decision table (spec section 2: every sslmode against each server
 * situation S0..S8b) plus host-name, client-certificate, CRL, {@code sslrootcert=system}, URI,
 * SCRAM, TLS-version, Unix-socket and {@code sslnegotiation=direct} cases. Every expectation is
 * libpq's observed behaviour; {@code PsqlConformanceIT} re-checks them against psql.
 */
public final class ConformanceCases {
    static final String[] MODES = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};

    private static final String A = "server does not support SSL, but SSL was required";
    private static final String B = "server certificate for \"" + TestPki.SERVER_NAME + "\" does not match host name \""
            + TestPki.WRONG_HOST + "\"";
    private static final String C = "certificate verify failed";
    private static final String D = "root certificate file \"{file:" + MISSING + "}\" does not exist";
    private static final String F_NOSSL = rejects(NOSSL_DB, "SSL encryption");
    private static final String G = "connection requires a valid client certificate";
    private static final String H = "private key file \"{file:" + WORLD_READABLE_KEY + "}\" has group or world access";

    private ConformanceCases() {
    }

    /** {@return every case, in a stable order} */
    public static List<ConformanceCase> all() {
        List<ConformanceCase> out = new ArrayList<>();
        decisionTable(out);
        hostNames(out);
        clientCertificates(out);
        crls(out);
        systemRoots(out);
        uris(out);
        scram(out);
        tlsVersions(out);
        unixSocket(out);
        directNegotiation(out);
        sslSuiteShapes(out);
        sslSuiteClientShapes(out);
        return Collections.unmodifiableList(out);
    }

    /**
     * More rows verified against libpq (spec sections 1.2 and 2, "more verified rows"), kept apart so
     * adapters opt in with {@link ConformanceSuite#includeExtendedCases()}; psql always runs them.
     *
     * @return the extended cases, in a stable order
     */
    public static List<ConformanceCase> extended() {
        List<ConformanceCase> out = new ArrayList<>();
        String name = TestPki.SERVER_NAME;
        String root = "sslrootcert=" + file(ROOT);
        String encryptedKey = ConformanceFixture.keyFile("ec", KeyFormat.PKCS8_ENCRYPTED_PEM);
        add(out, "X-prefer-unloadable-client-key", "prefer with a client key that cannot be loaded: falls back to plaintext",
                Server.MAIN, kv(name, TRUST_DB, "prefer", root + " sslcert=" + file(CLIENT_EC_CRT) + " sslkey=" + file(encryptedKey)
                        + " sslpassword=wrong-password"), Expectation.plaintext());
        add(out, "X-require-unloadable-client-key", "require with a client key that cannot be loaded", Server.MAIN,
                kv(name, TRUST_DB, "require", root + " sslcert=" + file(CLIENT_EC_CRT) + " sslkey=" + file(encryptedKey)
                        + " sslpassword=wrong-password"),
                Expectation.failed("could not load private key file \"{file:" + encryptedKey + "}\""));
        add(out, "X-allow-hostssl-untrusted-root", "allow, hostssl-only database, untrusted root: both attempts fail",
                Server.MAIN, kv(name, SSL_DB, "allow", "sslrootcert=" + file(UNRELATED)),
                Expectation.failed(rejects(SSL_DB, "no encryption"), C));
        out.add(new ConformanceCase("X-explicit-missing-root-overrides-home",
                "sslrootcert=missing file disables ~/.postgresql/root.crt (unrelated there), require", Server.MAIN,
                kv(name, TRUST_DB, "require", "sslrootcert=" + file(MISSING)), Expectation.tls(), Set.of(), UNRELATED));
        out.add(new ConformanceCase("X-home-root-require-wrong-host",
                "~/.postgresql/root.crt trusted, require, wrong host: verified chain, no host check", Server.MAIN,
                kv(TestPki.WRONG_HOST, TRUST_DB, "require", ""), Expectation.tls(), Set.of(), ROOT));
        out.add(new ConformanceCase("X-home-root-verify-full-wrong-host",
                "~/.postgresql/root.crt trusted, verify-full, wrong host", Server.MAIN,
                kv(TestPki.WRONG_HOST, TRUST_DB, "verify-full", ""), Expectation.failed(B), Set.of(), ROOT));
        add(out, "X-crl-from-other-ca", "sslcrl holds only an unrelated CA's CRL (CRL_CHECK_ALL)", Server.MAIN,
                kv(name, TRUST_DB, "verify-full", root + " sslcrl=" + file(ConformanceFixture.CRL_UNRELATED)), Expectation.failed(C));
        add(out, "X-root-file-with-intermediate", "sslrootcert holds the root and the intermediate", Server.MAIN,
                kv(name, TRUST_DB, "verify-full", "sslrootcert=" + file(ConformanceFixture.ROOT_AND_INTERMEDIATE)), Expectation.tls());
        add(out, "X-revoked-root-file-with-intermediate", "revoked server, sslrootcert = root + intermediate, CRLs for every CA",
                Server.REVOKED,
                kv(name, TRUST_DB, "verify-ca", "sslrootcert=" + file(ConformanceFixture.ROOT_AND_INTERMEDIATE) + " sslcrl="
                        + file(CRL_ALL)), Expectation.failed(C));
        names(out);
        return Collections.unmodifiableList(out);
    }

    /** Host-name rules of spec section 1.4 against the {@link Server#NAMES} certificate. */
    private static void names(List<ConformanceCase> out) {
        String root = "sslrootcert=" + file(ROOT);
        String[][] rows = {
            {"X-names-wildcard-one-label", "foo.wildcard.pg-ssltest.test", "S"},
            {"X-names-wildcard-upper-case", "FOO.WILDCARD.PG-SSLTEST.TEST", "S"},
            {"X-names-wildcard-bare-domain", "wildcard.pg-ssltest.test", "F"},
            {"X-names-wildcard-two-labels", "a.b.wildcard.pg-ssltest.test", "F"},
            {"X-names-ip-san", "127.0.0.1", "S"},
            {"X-names-ip-inet-aton-form", "127.000.000.001", "S"},
            {"X-names-cn-ignored-when-sans", Server.NAMES_CN, "F"},
        };
        for (String[] r : rows) {
            Expectation e = r[2].equals("S") ? Expectation.tls()
                    : Expectation.failed("does not match host name \"" + r[1] + "\"");
            out.add(new ConformanceCase(r[0], "verify-full, host=" + r[1] + " against SANs " + Server.WILDCARD_SAN
                    + " + IP 127.0.0.1", Server.NAMES, kv(r[1], TRUST_DB, "verify-full", root), e, Set.of(), null));
        }
    }

    private static String rejects(String db, String encryption) {
        return "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"" + TRUST_USER + "\", database \"" + db
                + "\", " + encryption;
    }

    /** {@code host=H hostaddr=127.0.0.1 port={port} user=ssltestuser dbname=DB [sslmode=M] extra}. */
    static String kv(String host, String db, String mode, String extra) {
        StringBuilder sb = new StringBuilder("host=").append(host).append(" hostaddr=127.0.0.1 port={port} user=")
                .append(TRUST_USER).append(" dbname=").append(db);
        if (mode != null) {
            sb.append(" sslmode=").append(mode);
        }
        if (!extra.isEmpty()) {
            sb.append(' ').append(extra);
        }
        return sb.toString();
    }

    private static String file(String name) {
        return "{file:" + name + "}";
    }

    private static void decisionTable(List<ConformanceCase> out) {
        String name = TestPki.SERVER_NAME;
        String eSsl = rejects(SSL_DB, "no encryption");
        String eCert = rejects(CERT_DB, "no encryption");
        row(out, "S0", "server has ssl=off", Server.NO_TLS, name, TRUST_DB, "sslrootcert=" + file(ROOT), null,
                "P", "P", "P", A, A, A);
        row(out, "S1", "trusted CA (sslrootcert=root), right host", Server.MAIN, name, TRUST_DB, "sslrootcert=" + file(ROOT), null,
                "P", "P", "S", "S", "S", "S");
        row(out, "S2", "trusted CA, wrong host (host=" + TestPki.WRONG_HOST + ")", Server.MAIN, TestPki.WRONG_HOST, TRUST_DB,
                "sslrootcert=" + file(ROOT), null, "P", "P", "S", "S", "S", B);
        row(out, "S3", "untrusted CA (sslrootcert=unrelated root)", Server.MAIN, name, TRUST_DB, "sslrootcert=" + file(UNRELATED),
                null, "P", "P", "P", C, C, C);
        row(out, "S3b", "sslrootcert=intermediate only (no self-signed anchor)", Server.MAIN, name, TRUST_DB,
                "sslrootcert=" + file(INTERMEDIATE), null, "P", "P", "P", C, C, C);
        row(out, "S4", "no root certificate (sslrootcert=missing file, empty HOME)", Server.MAIN, name, TRUST_DB,
                "sslrootcert=" + file(MISSING), null, "P", "P", "S", "S", D, D);
        row(out, "S4b", "~/.postgresql/root.crt = trusted root, sslrootcert unset", Server.MAIN, name, TRUST_DB, "", ROOT,
                "P", "P", "S", "S", "S", "S");
        row(out, "S4c", "~/.postgresql/root.crt = unrelated root, sslrootcert unset", Server.MAIN, name, TRUST_DB, "", UNRELATED,
                "P", "P", "P", C, C, C);
        row(out, "S5", "database only allows hostssl, no root certificate", Server.MAIN, name, SSL_DB,
                "sslrootcert=" + file(MISSING), null, eSsl, "S", "S", "S", D, D);
        row(out, "S5b", "database only allows hostnossl, no root certificate", Server.MAIN, name, NOSSL_DB,
                "sslrootcert=" + file(MISSING), null, "P", "P", "P", F_NOSSL, D, D);
        row(out, "S6", "cert authentication, no client certificate", Server.MAIN, name, CERT_DB, "sslrootcert=" + file(ROOT), null,
                eCert, eCert + "|" + G, G + "|" + eCert, G, G, G);
        row(out, "S6b", "cert authentication, valid client certificate (key 0600)", Server.MAIN, name, CERT_DB,
                "sslrootcert=" + file(ROOT) + " sslcert=" + file(CLIENT_EC_CRT) + " sslkey="
                        + file(ConformanceFixture.keyFile("ec", KeyFormat.SEC1_PEM)), null,
                eCert, "S", "S", "S", "S", "S");
        row(out, "S6d", "cert authentication, client key file mode 0644", Server.MAIN, name, CERT_DB,
                "sslrootcert=" + file(ROOT) + " sslcert=" + file(CLIENT_EC_CRT) + " sslkey=" + file(WORLD_READABLE_KEY), null,
                eCert, eCert + "|" + H, H + "|" + eCert, H, H, H);
        row(out, "S7", "expired server certificate, trusted CA", Server.EXPIRED, name, TRUST_DB, "sslrootcert=" + file(ROOT), null,
                "P", "P", "P", C, C, C);
        row(out, "S8", "revoked server certificate, sslcrl=root+server.crl", Server.REVOKED, name, TRUST_DB,
                "sslrootcert=" + file(ROOT) + " sslcrl=" + file(CRL_ALL), null, "P", "P", "P", C, C, C);
        row(out, "S8b", "revoked server certificate, no CRL", Server.REVOKED, name, TRUST_DB, "sslrootcert=" + file(ROOT), null,
                "P", "P", "S", "S", "S", "S");
    }

    /** Adds one case per sslmode; each outcome is "P", "S", or failure fragments joined by '|'. */
    private static void row(List<ConformanceCase> out, String id, String description, Server server, String host, String db,
            String extra, String homeRoot, String... outcomes) {
        for (int i = 0; i < MODES.length; i++) {
            Expectation e;
            switch (outcomes[i]) {
                case "P":
                    e = Expectation.plaintext();
                    break;
                case "S":
                    e = Expectation.tls();
                    break;
                default:
                    e = Expectation.failed(outcomes[i].split("\\|"));
            }
            out.add(new ConformanceCase(id + "-" + MODES[i], description + ", sslmode=" + MODES[i], server,
                    kv(host, db, MODES[i], extra), e, Set.of(), homeRoot));
        }
    }

    private static void add(List<ConformanceCase> out, String id, String description, Server server, String conninfo,
            Expectation e, Requirement... requirements) {
        out.add(new ConformanceCase(id, description, server, conninfo, e, new HashSet<>(List.of(requirements)), null));
    }

    private static void hostNames(List<ConformanceCase> out) {
        String root = "sslrootcert=" + file(ROOT);
        add(out, "HOST-case-insensitive", "verify-full, host name in upper case", Server.MAIN,
                kv(TestPki.SERVER_NAME.toUpperCase(java.util.Locale.ROOT), TRUST_DB, "verify-full", root), Expectation.tls());
        add(out, "HOST-ip-literal", "verify-full, host=127.0.0.1 against a DNS-only certificate", Server.MAIN,
                "host=127.0.0.1 port={port} user=" + TRUST_USER + " dbname=" + TRUST_DB + " sslmode=verify-full " + root,
                Expectation.failed("does not match host name \"127.0.0.1\""));
        add(out, "HOST-require-wrong-host-root", "require with a root certificate never checks the host name", Server.MAIN,
                kv(TestPki.WRONG_HOST, TRUST_DB, "require", root), Expectation.tls());
        add(out, "HOST-list-failure-is-final", "verify-full, host list: a host-name failure on the first host is final",
                Server.MAIN, "host=" + TestPki.WRONG_HOST + "," + TestPki.SERVER_NAME + " hostaddr=127.0.0.1,127.0.0.1 port={port} user="
                        + TRUST_USER + " dbname=" + TRUST_DB + " sslmode=verify-full " + root,
                Expectation.failed(B));
    }

    private static void clientCertificates(List<ConformanceCase> out) {
        String base = "sslrootcert=" + file(ROOT);
        KeyFormat[] ec = {KeyFormat.SEC1_PEM, KeyFormat.PKCS8_PEM, KeyFormat.PKCS8_ENCRYPTED_PEM,
            KeyFormat.LEGACY_ENCRYPTED_PEM, KeyFormat.TRADITIONAL_DER, KeyFormat.PKCS8_DER};
        KeyFormat[] rsa = {KeyFormat.PKCS1_PEM, KeyFormat.PKCS8_PEM, KeyFormat.PKCS8_ENCRYPTED_PEM,
            KeyFormat.LEGACY_ENCRYPTED_PEM, KeyFormat.TRADITIONAL_DER, KeyFormat.PKCS8_DER};
        for (KeyFormat f : ec) {
            clientKey(out, "ec", CLIENT_EC_CRT, f, base);
        }
        for (KeyFormat f : rsa) {
            clientKey(out, "rsa", CLIENT_RSA_CRT, f, base);
        }
        String ecCert = " sslcert=" + file(CLIENT_EC_CRT) + " sslkey=" + file(ConformanceFixture.keyFile("ec", KeyFormat.SEC1_PEM));
        add(out, "CERT-wrong-key-password", "client key PKCS#8 encrypted, wrong sslpassword", Server.MAIN,
                kv(TestPki.SERVER_NAME, CERT_DB, "verify-full", base + " sslcert=" + file(CLIENT_EC_CRT) + " sslkey="
                        + file(ConformanceFixture.keyFile("ec", KeyFormat.PKCS8_ENCRYPTED_PEM)) + " sslpassword=wrong-password"),
                Expectation.failed("could not load private key file \"{file:"
                        + ConformanceFixture.keyFile("ec", KeyFormat.PKCS8_ENCRYPTED_PEM) + "}\""));
        add(out, "CERT-missing-key", "client certificate present, key file missing", Server.MAIN,
                kv(TestPki.SERVER_NAME, CERT_DB, "verify-full", base + " sslcert=" + file(CLIENT_EC_CRT) + " sslkey="
                        + file("missing.key")),
                Expectation.failed("certificate present, but not private key file \"{file:missing.key}\""));
        add(out, "CERT-wrong-user", "cert authentication, certificate CN is not the user", Server.MAIN,
                "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port={port} user=" + SCRAM_USER + " dbname=" + CERT_DB
                        + " sslmode=verify-full " + base + ecCert,
                Expectation.failed("certificate authentication failed for user \"" + SCRAM_USER + "\""));
        add(out, "CERT-verifydb-with-cert", "clientcert=verify-full, valid client certificate", Server.MAIN,
                kv(TestPki.SERVER_NAME, VERIFY_DB, "verify-full", base + ecCert), Expectation.tls());
        add(out, "CERT-verifydb-no-cert", "clientcert=verify-full, no client certificate", Server.MAIN,
                kv(TestPki.SERVER_NAME, VERIFY_DB, "verify-full", base), Expectation.failed(G));
        add(out, "CERT-require-no-root", "cert authentication with sslmode=require and no root certificate", Server.MAIN,
                kv(TestPki.SERVER_NAME, CERT_DB, "require", "sslrootcert=" + file(MISSING) + ecCert), Expectation.tls());
    }

    private static void clientKey(List<ConformanceCase> out, String algorithm, String cert, KeyFormat format, String base) {
        String extra = base + " sslcert=" + file(cert) + " sslkey=" + file(ConformanceFixture.keyFile(algorithm, format));
        if (format.needsPassword()) {
            extra += " sslpassword=" + KEY_PASSWORD;
        }
        String id = "CERT-" + algorithm + "-" + format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        add(out, id, "cert authentication, " + algorithm.toUpperCase(java.util.Locale.ROOT) + " client key as " + format,
                Server.MAIN, kv(TestPki.SERVER_NAME, CERT_DB, "verify-full", extra), Expectation.tls());
    }

    private static void crls(List<ConformanceCase> out) {
        String root = "sslrootcert=" + file(ROOT);
        add(out, "CRL-all-cas-not-revoked", "sslcrl with a CRL for every CA, server not revoked", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "verify-full", root + " sslcrl=" + file(CRL_ALL)), Expectation.tls());
        add(out, "CRL-root-only", "sslcrl holds only the root's CRL: the intermediate has none (CRL_CHECK_ALL)", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "verify-full", root + " sslcrl=" + file(CRL_ROOT_ONLY)), Expectation.failed(C));
        add(out, "CRL-missing-file", "sslcrl names a missing file: ignored", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "verify-full", root + " sslcrl=" + file(CRL_MISSING)), Expectation.tls());
        add(out, "CRL-revoked-without-root", "revoked server, sslcrl given but no root certificate: nothing is checked",
                Server.REVOKED, kv(TestPki.SERVER_NAME, TRUST_DB, "require", "sslrootcert=" + file(MISSING) + " sslcrl="
                        + file(CRL_ALL)), Expectation.tls());
        add(out, "EXPIRED-without-root", "expired server certificate, require, no root certificate", Server.EXPIRED,
                kv(TestPki.SERVER_NAME, TRUST_DB, "require", "sslrootcert=" + file(MISSING)), Expectation.tls());
    }

    private static void systemRoots(List<ConformanceCase> out) {
        Requirement r = Requirement.LIBPQ_16_SSLROOTCERT_SYSTEM;
        add(out, "SYSTEM-default-mode", "sslrootcert=system, no sslmode (verify-full) against the private test CA", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, null, "sslrootcert=system"), Expectation.failed(C), r);
        add(out, "SYSTEM-verify-full", "sslrootcert=system, verify-full against the private test CA", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "verify-full", "sslrootcert=system"), Expectation.failed(C), r);
        for (String weak : new String[] {"disable", "prefer", "require", "verify-ca"}) {
            add(out, "SYSTEM-weak-" + weak, "sslrootcert=system with explicit sslmode=" + weak, Server.MAIN,
                    kv(TestPki.SERVER_NAME, TRUST_DB, weak, "sslrootcert=system"),
                    Expectation.failed("weak sslmode \"" + weak + "\" may not be used with sslrootcert=system (use \"verify-full\")"), r);
        }
    }

    private static void uris(List<ConformanceCase> out) {
        String prefix = "postgresql://" + TRUST_USER + "@127.0.0.1:{port}/";
        add(out, "URI-ssl-true", "URI with ssl=true (= sslmode=require), no root certificate", Server.MAIN,
                prefix + TRUST_DB + "?ssl=true", Expectation.tls());
        add(out, "URI-ssl-true-nossldb", "URI with ssl=true to a hostnossl-only database", Server.MAIN,
                prefix + NOSSL_DB + "?ssl=true", Expectation.failed(F_NOSSL));
        add(out, "URI-last-wins", "URI ?ssl=true&sslmode=disable: the last setting wins", Server.MAIN,
                prefix + TRUST_DB + "?ssl=true&sslmode=disable", Expectation.plaintext());
        add(out, "URI-ssl-true-no-tls-server", "URI with ssl=true against ssl=off", Server.NO_TLS,
                prefix + TRUST_DB + "?ssl=true", Expectation.failed(A));
        add(out, "URI-verify-full-query-host", "URI verify-full with host, hostaddr and sslrootcert as query parameters",
                Server.MAIN, "postgresql://" + TRUST_USER + "@/" + TRUST_DB + "?host=" + TestPki.SERVER_NAME
                        + "&hostaddr=127.0.0.1&port={port}&sslmode=verify-full&sslrootcert=" + file(ROOT), Expectation.tls());
        add(out, "URI-scram-percent-encoded", "URI with a percent-encoded SCRAM password, sslmode=require", Server.MAIN,
                "postgresql://" + SCRAM_USER + ":" + SCRAM_PASSWORD_URI_ENCODED + "@127.0.0.1:{port}/" + TRUST_DB + "?sslmode=require",
                Expectation.tls());
        add(out, "KV-ssl-true", "keyword/value ssl=true is not a libpq keyword", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, null, "ssl=true"), Expectation.failed("invalid connection option \"ssl\""));
    }

    private static void scram(List<ConformanceCase> out) {
        add(out, "SCRAM-require", "SCRAM user over TLS, sslmode=require", Server.MAIN,
                "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port={port} user=" + SCRAM_USER + " password=" + SCRAM_PASSWORD
                        + " dbname=" + TRUST_DB + " sslmode=require", Expectation.tls());
        add(out, "SCRAM-wrong-password", "SCRAM user, wrong password, sslmode=require", Server.MAIN,
                "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port={port} user=" + SCRAM_USER + " password=wrong"
                        + " dbname=" + TRUST_DB + " sslmode=require",
                Expectation.failed("password authentication failed for user \"" + SCRAM_USER + "\""));
    }

    private static void tlsVersions(List<ConformanceCase> out) {
        add(out, "TLS-max-1.2", "ssl_max_protocol_version=TLSv1.2", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "require", "ssl_max_protocol_version=TLSv1.2"), Expectation.tls("TLSv1.2"));
        add(out, "TLS-min-1.3", "ssl_min_protocol_version=TLSv1.3", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "require", "ssl_min_protocol_version=TLSv1.3"), Expectation.tls("TLSv1.3"));
        add(out, "TLS-default-1.3", "defaults negotiate TLS 1.3", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "verify-full", "sslrootcert=" + file(ROOT)), Expectation.tls("TLSv1.3"));
        add(out, "TLS-invalid-version", "ssl_min_protocol_version=TLSv1.4 is rejected before connecting", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "require", "ssl_min_protocol_version=TLSv1.4"),
                // libpq 15 omits the quotes around the keyword; 18 has them.
                Expectation.failed("ssl_min_protocol_version", "value: \"TLSv1.4\""));
    }

    private static void unixSocket(List<ConformanceCase> out) {
        add(out, "SOCKET-verify-full-plaintext", "Unix socket with sslmode=verify-full: TLS settings are ignored", Server.MAIN,
                "host={socket} port={port} user=" + TRUST_USER + " dbname=" + TRUST_DB + " sslmode=verify-full sslrootcert="
                        + file(MISSING), Expectation.plaintext(), Requirement.UNIX_SOCKET);
    }

    /**
     * The client cases of PostgreSQL's {@code src/test/ssl/t/001_ssltests.pl} on its certificate
     * shapes (CN only, several SANs, one SAN, CN and SANs, no names, IP CN, IP SANs, CN with IP SANs,
     * IP CN with DNS SANs, an IP in a dNSName, RSA-PSS), with the suite's expected outcome and
     * message. The shapes share one server ({@link ConformanceFixture#server}), so cases of one shape
     * stay together.
     */
    private static void sslSuiteShapes(List<ConformanceCase> out) {
        String root = "sslrootcert=" + file(ROOT);
        String cn = Server.SUITE_CN;
        String dns1 = "dns1.alt-name.pg-ssltest.test";
        String dns2 = "dns2.alt-name.pg-ssltest.test";
        String deep = "deep.subdomain.wildcard.pg-ssltest.test";
        Object[][] rows = {
            {Server.SUITE_CN_ONLY, "cn-only-match", cn, "verify-full", null},
            {Server.SUITE_CN_ONLY, "cn-only-wrong-host", "wronghost.test", "verify-full", mismatch(cn, 0, "wronghost.test")},
            {Server.SUITE_CN_ONLY, "cn-only-verify-ca-wrong-host", "wronghost.test", "verify-ca", null},
            {Server.SUITE_CN_ONLY, "cn-only-require-wrong-host", "wronghost.test", "require", null},
            {Server.SUITE_MULTIPLE_SANS, "multiple-sans-dns1", dns1, "verify-full", null},
            {Server.SUITE_MULTIPLE_SANS, "multiple-sans-dns2", dns2, "verify-full", null},
            {Server.SUITE_MULTIPLE_SANS, "multiple-sans-wildcard", "foo.wildcard.pg-ssltest.test", "verify-full", null},
            {Server.SUITE_MULTIPLE_SANS, "multiple-sans-wrong-host", "wronghost.alt-name.pg-ssltest.test", "verify-full",
                mismatch(dns1, 2, "wronghost.alt-name.pg-ssltest.test")},
            {Server.SUITE_MULTIPLE_SANS, "multiple-sans-deep-wildcard", deep, "verify-full", mismatch(dns1, 2, deep)},
            {Server.SUITE_SINGLE_SAN, "single-san-match", "single.alt-name.pg-ssltest.test", "verify-full", null},
            {Server.SUITE_SINGLE_SAN, "single-san-wrong-host", "wronghost.alt-name.pg-ssltest.test", "verify-full",
                mismatch("single.alt-name.pg-ssltest.test", 0, "wronghost.alt-name.pg-ssltest.test")},
            {Server.SUITE_SINGLE_SAN, "single-san-deep-wildcard", deep, "verify-full",
                mismatch("single.alt-name.pg-ssltest.test", 0, deep)},
            {Server.SUITE_CN_AND_SANS, "cn-and-sans-dns1", dns1, "verify-full", null},
            {Server.SUITE_CN_AND_SANS, "cn-and-sans-dns2", dns2, "verify-full", null},
            {Server.SUITE_CN_AND_SANS, "cn-and-sans-cn-ignored", cn, "verify-full", mismatch(dns1, 1, cn)},
            {Server.SUITE_NO_NAMES, "no-names-verify-ca", cn, "verify-ca", null},
            {Server.SUITE_NO_NAMES, "no-names-verify-full", cn, "verify-full", "could not get server's host name from server certificate"},
            {Server.SUITE_IP_CN, "ip-cn-match", "192.0.2.1", "verify-full", null},
            // The CN is compared as a string: an IP in another form does not match it (only iPAddress SANs do).
            {Server.SUITE_IP_CN, "ip-cn-other-form", "192.000.002.001", "verify-full", mismatch("192.0.2.1", 0, "192.000.002.001")},
            {Server.SUITE_IP_CN, "ip-cn-ipv6-host", "2001:DB8::1", "verify-full", mismatch("192.0.2.1", 0, "2001:DB8::1")},
            {Server.SUITE_IP_SANS, "ip-sans-v4", "192.0.2.1", "verify-full", null},
            {Server.SUITE_IP_SANS, "ip-sans-v4-other-form", "192.000.002.001", "verify-full", null},
            {Server.SUITE_IP_SANS, "ip-sans-wrong-v4", "192.0.2.2", "verify-full", mismatch("192.0.2.1", 1, "192.0.2.2")},
            {Server.SUITE_IP_SANS, "ip-sans-v6", "2001:DB8::1", "verify-full", null},
            {Server.SUITE_IP_SANS, "ip-sans-v6-long-form", "2001:db8:0:0:0:0:0:1", "verify-full", null},
            {Server.SUITE_IP_SANS, "ip-sans-v6-mixed-form", "2001:db8::0.0.0.1", "verify-full", null},
            {Server.SUITE_IP_SANS, "ip-sans-wrong-v6", "::1", "verify-full", mismatch("192.0.2.1", 1, "::1")},
            {Server.SUITE_IP_SANS, "ip-sans-v6-cidr", "2001:DB8::1/128", "verify-full", mismatch("192.0.2.1", 1, "2001:DB8::1/128")},
            {Server.SUITE_CN_AND_IP_SANS, "cn-and-ip-sans-cn", cn, "verify-full", null},
            {Server.SUITE_CN_AND_IP_SANS, "cn-and-ip-sans-v4", "192.0.2.1", "verify-full", null},
            {Server.SUITE_CN_AND_IP_SANS, "cn-and-ip-sans-v6", "2001:db8::1", "verify-full", null},
            {Server.SUITE_IP_CN_AND_IP_SANS, "ip-cn-and-ip-sans-v4", "192.0.2.2", "verify-full", null},
            {Server.SUITE_IP_CN_AND_IP_SANS, "ip-cn-and-ip-sans-v6", "2001:db8::1", "verify-full", null},
            {Server.SUITE_IP_CN_AND_IP_SANS, "ip-cn-and-ip-sans-cn-ignored", "192.0.2.1", "verify-full",
                mismatch("192.0.2.2", 1, "192.0.2.1")},
            {Server.SUITE_IP_CN_AND_DNS_SANS, "ip-cn-and-dns-sans-ip", "192.0.2.1", "verify-full", null},
            {Server.SUITE_IP_CN_AND_DNS_SANS, "ip-cn-and-dns-sans-dns1", dns1, "verify-full", null},
            {Server.SUITE_IP_CN_AND_DNS_SANS, "ip-cn-and-dns-sans-dns2", dns2, "verify-full", null},
            {Server.SUITE_IP_IN_DNSNAME, "ip-in-dnsname", "192.0.2.1", "verify-full", null},
            {Server.SUITE_RSA_PSS, "rsa-pss", cn, "verify-full", null},
        };
        String cert = " sslcert=" + file(CLIENT_EC_CRT) + " sslkey=" + file(ConformanceFixture.keyFile("ec", KeyFormat.SEC1_PEM));
        add(out, "SUITE-certmode-require-with-cert", "001_ssltests.pl, cert authentication, sslcertmode=require with a client certificate",
                Server.MAIN, kv(TestPki.SERVER_NAME, CERT_DB, "require", root + " sslcertmode=require" + cert), Expectation.tls(),
                Requirement.LIBPQ_16_SSLCERTMODE);
        add(out, "SUITE-certmode-allow-with-cert", "001_ssltests.pl, cert authentication, sslcertmode=allow with a client certificate",
                Server.MAIN, kv(TestPki.SERVER_NAME, CERT_DB, "require", root + " sslcertmode=allow" + cert), Expectation.tls(),
                Requirement.LIBPQ_16_SSLCERTMODE);
        add(out, "SUITE-certmode-disable-with-cert", "001_ssltests.pl, cert authentication, sslcertmode=disable: the certificate is not sent",
                Server.MAIN, kv(TestPki.SERVER_NAME, CERT_DB, "require", root + " sslcertmode=disable" + cert), Expectation.failed(G),
                Requirement.LIBPQ_16_SSLCERTMODE);
        add(out, "SUITE-certmode-require-trust-no-cert", "sslcertmode=require, no certificate, trust database (server asks for one)",
                Server.MAIN, kv(TestPki.SERVER_NAME, TRUST_DB, "require", root + " sslcertmode=require"),
                Expectation.failed("server accepted connection without a valid SSL certificate"), Requirement.LIBPQ_16_SSLCERTMODE);
        add(out, "SUITE-tls-range", "001_ssltests.pl, ssl_min_protocol_version=TLSv1.2 ssl_max_protocol_version=TLSv1.2", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "require", root + " ssl_min_protocol_version=TLSv1.2 ssl_max_protocol_version=TLSv1.2"),
                Expectation.tls("TLSv1.2"));
        add(out, "SUITE-tls-range-inverted", "001_ssltests.pl, ssl_min_protocol_version=TLSv1.2 ssl_max_protocol_version=TLSv1.1",
                Server.MAIN, kv(TestPki.SERVER_NAME, TRUST_DB, "require", root
                        + " ssl_min_protocol_version=TLSv1.2 ssl_max_protocol_version=TLSv1.1"),
                Expectation.failed("invalid SSL protocol version range"));
        add(out, "SUITE-tls-max-invalid", "001_ssltests.pl, ssl_max_protocol_version=incorrect_tls", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "require", root + " ssl_max_protocol_version=incorrect_tls"),
                Expectation.failed("ssl_max_protocol_version", "value: \"incorrect_tls\""));
        for (Object[] r : rows) {
            Server server = (Server) r[0];
            String host = (String) r[2];
            String error = (String) r[4];
            out.add(new ConformanceCase("SUITE-" + r[1], "001_ssltests.pl, " + server.name().substring(6).toLowerCase(java.util.Locale.ROOT)
                    + " certificate, " + r[3] + ", host=" + host, server, kv(host, TRUST_DB, (String) r[3], root),
                    error == null ? Expectation.tls() : Expectation.failed(error), Set.of(), null));
        }
    }

    /**
     * PostgreSQL's 001_ssltests.pl rows on its client-side shapes: CRL directories under OpenSSL's
     * hashed names ({@code sslcrldir}), encrypted client keys in PEM and DER with the suite's
     * passphrase, a subject DN mapped through {@code pg_ident} (whole DN, regular expression, CN),
     * a long subject from a CA the server does not trust, and a revoked UTF-8 subject checked
     * against the server's CRL directory. The suite's empty and missing passphrase rows are not
     * here: the suite itself skips them ("Need Pty support": libpq would prompt on the terminal).
     */
    private static void sslSuiteClientShapes(List<ConformanceCase> out) {
        String name = TestPki.SERVER_NAME;
        String root = "sslrootcert=" + file(ROOT);
        String t = "001_ssltests.pl, ";
        add(out, "SUITE-crldir-other-ca", t + "sslcrldir holding only another CA's CRL (client-crldir)", Server.MAIN,
                kv(name, TRUST_DB, "verify-ca", root + " sslcrldir=" + file(ConformanceFixture.CRLDIR_UNRELATED)),
                Expectation.failed(C));
        add(out, "SUITE-crldir-not-revoked", t + "sslcrldir with a CRL for every CA (root+server-crldir), server not revoked",
                Server.MAIN, kv(name, TRUST_DB, "verify-ca", root + " sslcrldir=" + file(ConformanceFixture.CRLDIR_ALL)),
                Expectation.tls());
        add(out, "SUITE-crldir-revoked", t + "revoked server, sslcrl='' sslcrldir=root+server-crldir", Server.REVOKED,
                kv(name, TRUST_DB, "verify-ca", "sslcrl='' " + root + " sslcrldir=" + file(ConformanceFixture.CRLDIR_ALL)),
                Expectation.failed(C));
        String cert = root + " sslcert=" + file(CLIENT_EC_CRT) + " sslkey=";
        String pass = " sslpassword='" + ConformanceFixture.SUITE_KEY_PASSWORD + "'";
        add(out, "SUITE-key-encrypted-pem", t + "cert authentication, client key encrypted PEM, sslpassword='dUmmyP^#+'",
                Server.MAIN, kv(name, CERT_DB, "require", cert + file(ConformanceFixture.SUITE_ENCRYPTED_PEM_KEY) + pass),
                Expectation.tls());
        add(out, "SUITE-key-encrypted-der", t + "cert authentication, the suite's \"encrypted DER\" key (plain DER, as the suite makes it), sslpassword='dUmmyP^#+'",
                Server.MAIN, kv(name, CERT_DB, "require", cert + file(ConformanceFixture.SUITE_ENCRYPTED_DER_KEY) + pass),
                Expectation.tls());
        add(out, "SUITE-key-encrypted-pem-wrong-password", t + "cert authentication, client key encrypted PEM, sslpassword='wrong'",
                Server.MAIN, kv(name, CERT_DB, "require", cert + file(ConformanceFixture.SUITE_ENCRYPTED_PEM_KEY)
                        + " sslpassword='wrong'"),
                Expectation.failed("private key file \"" + file(ConformanceFixture.SUITE_ENCRYPTED_PEM_KEY) + "\": bad decrypt"));
        String dn = root + " sslcert=" + file(ConformanceFixture.CLIENT_DN_CRT) + " sslkey=" + file(ConformanceFixture.CLIENT_DN_KEY);
        add(out, "SUITE-dn-map", t + "cert clientname=DN map=dn, subject " + ServerPresets.CLIENT_DN, Server.MAIN,
                kv(name, ServerPresets.CERT_DN_DB, "require", dn), Expectation.tls());
        add(out, "SUITE-dn-regex-map", t + "cert clientname=DN map=dnre (regular expression)", Server.MAIN,
                kv(name, ServerPresets.CERT_DN_RE_DB, "require", dn), Expectation.tls());
        add(out, "SUITE-cn-map", t + "cert clientname=CN map=cn", Server.MAIN,
                kv(name, ServerPresets.CERT_CN_DB, "require", dn), Expectation.tls());
        // The server refuses these client certificates with an alert. TLS 1.2 is pinned so that the alert
        // arrives inside the handshake: under TLS 1.3 the client's handshake ends first, and a client that
        // then writes its startup packet may find the connection already closed (a race, not a verdict).
        String tls12 = " ssl_max_protocol_version=TLSv1.2";
        add(out, "SUITE-long-dn-unknown-ca", t + "a long subject from a CA the server does not trust (client-long), TLS 1.2",
                Server.MAIN, kv(name, CERT_DB, "require", root + " sslcert=" + file(ConformanceFixture.CLIENT_LONG_CRT) + " sslkey="
                        + file(ConformanceFixture.CLIENT_LONG_KEY) + tls12),
                Expectation.failed("SSL error: tlsv1 alert unknown ca"));
        add(out, "SUITE-utf8-dn-revoked", t + "revoked UTF-8 subject, server-side CRL directory (root+client-crldir), TLS 1.2",
                Server.CLIENT_CRLDIR, kv(name, CERT_DB, "require", root + " sslcert=" + file(ConformanceFixture.CLIENT_REVOKED_UTF8_CRT)
                        + " sslkey=" + file(ConformanceFixture.CLIENT_REVOKED_UTF8_KEY) + tls12),
                Expectation.failed("SSL error: sslv3 alert certificate revoked"));
    }

    /** libpq's host-name mismatch message ({@code pq_verify_peer_name_matches_certificate}). */
    private static String mismatch(String first, int others, String host) {
        return "server certificate for \"" + first + "\"" + (others == 0 ? "" : " (and " + others + " other name"
                + (others == 1 ? "" : "s") + ")") + " does not match host name \"" + host + "\"";
    }

    private static void directNegotiation(List<ConformanceCase> out) {
        Requirement lib = Requirement.LIBPQ_17_SSLNEGOTIATION;
        Requirement srv = Requirement.SERVER_17_DIRECT_SSL;
        add(out, "DIRECT-require", "sslnegotiation=direct, sslmode=require", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "require", "sslnegotiation=direct"), Expectation.tls("TLSv1.3"), lib, srv);
        add(out, "DIRECT-verify-full", "sslnegotiation=direct, verify-full", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "verify-full", "sslnegotiation=direct sslrootcert=" + file(ROOT)),
                Expectation.tls("TLSv1.3"), lib, srv);
        add(out, "DIRECT-prefer", "sslnegotiation=direct with sslmode=prefer is refused", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, "prefer", "sslnegotiation=direct"),
                Expectation.failed("weak sslmode \"prefer\" may not be used with sslnegotiation=direct"), lib);
        add(out, "DIRECT-default-mode", "sslnegotiation=direct with the default sslmode (prefer) is refused", Server.MAIN,
                kv(TestPki.SERVER_NAME, TRUST_DB, null, "sslnegotiation=direct"),
                Expectation.failed("weak sslmode \"prefer\" may not be used with sslnegotiation=direct"), lib);
    }
}
