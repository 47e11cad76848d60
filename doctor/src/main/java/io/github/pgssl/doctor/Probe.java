package io.github.pgssl.doctor;

import io.github.pgssl.PgSsl;
import io.github.pgssl.SslNegotiation;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TrustSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The network probe: TCP, the server's answer to SSLRequest, then a TLS handshake that records
 * what the server presents and checks it, step by step, against the policy.
 *
 * <p>The handshake itself accepts any chain (it is an observation, not a connection that carries
 * data); the chain and the hostname are then checked with core's own trust manager, so the
 * doctor reports exactly what a driver configured by pgssl would decide.
 */
final class Probe {
    /** The PostgreSQL SSLRequest code (1234.5679). */
    private static final int SSL_REQUEST_CODE = 80877103;

    private final Duration timeout;
    private final Progress progress;

    Probe(Duration timeout, Progress progress) {
        this.timeout = timeout;
        this.progress = progress;
    }

    /** Runs the steps in order and stops at the first that makes the next impossible. */
    ProbeReport run(Target target, SslPolicy policy) {
        ProbeReport r = new ProbeReport(target);
        if (target.isUnixSocket()) {
            r.add(Step.skip("tcp", "host " + target.host() + " is a Unix-socket directory: libpq never uses TLS there,"
                    + " so sslmode is ignored; the Java drivers cannot use it without a socket factory"));
            return r;
        }
        progress.step("TCP connect to " + target.display());
        long t0 = System.nanoTime();
        try {
            connect(target).close();
            r.add(Step.ok("tcp", "connected to " + target.display() + " in " + millis(t0) + " ms"));
        } catch (IOException e) {
            r.tcpDiagnosis = Hints.diagnose(e).id;
            r.add(Step.fail("tcp", "cannot connect to " + target.display() + ": " + describe(e),
                    Hints.forTcp(target, e)));
            return r;
        }
        Optional<TlsOptions> tls = policy.tls();
        boolean direct = tls.isPresent() && tls.get().negotiation() == SslNegotiation.DIRECT;
        if (direct) {
            r.add(Step.skip("ssl_request", "sslnegotiation=direct: no SSLRequest, TLS starts at once (ALPN postgresql)"));
        } else {
            progress.step("SSLRequest");
            char answer;
            try (Socket s = connect(target)) {
                answer = sslRequest(s);
            } catch (IOException e) {
                r.add(Step.fail("ssl_request", "no answer to SSLRequest: " + describe(e),
                        "the port may not be a PostgreSQL server, or a proxy in front closes the connection; check host and port"));
                return r;
            }
            r.sslAnswer = String.valueOf(answer);
            switch (answer) {
                case 'S' -> r.add(Step.ok("ssl_request", "server answered S: it accepts TLS"));
                case 'N' -> {
                    if (policy instanceof SslPolicy.Disabled) {
                        r.add(Step.ok("ssl_request", "server answered N: TLS is off on this server (sslmode=disable does not use it)"));
                        r.add(Step.skip("tls", "sslmode=disable: the connection is plaintext, no handshake is made"));
                        return r;
                    }
                    boolean needTls = policy instanceof SslPolicy.Tls && policy.fallback() == SslPolicy.Fallback.NONE;
                    Step st = needTls
                            ? Step.fail("ssl_request", "server answered N: TLS is off on this server", Hints.serverWithoutTls())
                            : Step.warn("ssl_request", "server answered N: TLS is off on this server; this connection will be plaintext",
                            Hints.serverWithoutTls());
                    r.add(st);
                    return r;
                }
                case 'E' -> {
                    r.add(Step.fail("ssl_request", "server answered with an error to SSLRequest (pre-7.0 server or not PostgreSQL)",
                            "check that host and port point at PostgreSQL"));
                    return r;
                }
                default -> {
                    r.add(Step.fail("ssl_request", "unexpected answer to SSLRequest: 0x" + Integer.toHexString(answer),
                            "check that host and port point at PostgreSQL, not another service"));
                    return r;
                }
            }
        }
        if (policy instanceof SslPolicy.Disabled) {
            r.add(Step.skip("tls", "sslmode=disable: the connection is plaintext, no handshake is made"));
            return r;
        }
        SslPolicy.Tls tlsPolicy = (SslPolicy.Tls) policy;
        progress.step("TLS handshake");
        handshake(r, target, tlsPolicy, direct);
        return r;
    }

    private void handshake(ProbeReport r, Target target, SslPolicy.Tls policy, boolean direct) {
        TlsMaterial material;
        try {
            material = PgSsl.material(policy);
        } catch (RuntimeException e) {
            r.add(Step.fail("tls", "cannot load the TLS material: " + Hints.safeMessage(e), Hints.forFailure(e, null)));
            return;
        }
        Observation withSni;
        try {
            withSni = observe(target, material, policy, direct, policy.options().sni());
        } catch (IOException | RuntimeException e) {
            String hint = Hints.forFailure(e, target.host());
            if (!policy.options().sni() && !target.hostIsIp()) {
                hint += "; sslsni=0 is set: a server or proxy that routes by SNI (Neon, Render, many poolers) "
                        + "refuses such handshakes, so set sslsni=1";
            }
            r.add(Step.fail("tls", "TLS handshake failed: " + describe(e), hint));
            return;
        }
        r.tls = withSni;
        List<String> lines = new ArrayList<>();
        lines.add(withSni.protocol + ", " + withSni.cipher);
        for (int i = 0; i < withSni.chain.size(); i++) {
            X509Certificate c = withSni.chain.get(i);
            lines.add("certificate " + i + ": " + Certificates.subject(c) + "; issuer " + Certificates.issuer(c)
                    + (Certificates.subjectAltNames(c).isEmpty() ? "" : "; SAN " + String.join(", ", Certificates.subjectAltNames(c)))
                    + "; expires " + c.getNotAfter().toInstant());
        }
        lines.add("server asked for a client certificate: " + (withSni.certificateRequested ? "yes" : "no")
                + (policy.options().identity().isPresent() ? " (one is configured)" : " (none is configured)"));
        r.add(Step.ok("tls", String.join("\n", lines)));

        // Chain against the configured trust, with core's trust manager (no hostname).
        TrustSource trust = policy.options().trust();
        if (trust == TrustSource.none()) {
            r.chainVerified = null;
            String provider = Providers.trustAdvice(target.host());
            r.add(Step.warn("chain", "not checked: no root certificate is configured (" + describeTrustAbsence(policy) + ")",
                    "to authenticate the server, set sslrootcert to the CA that issued its certificate, or sslrootcert=system for a public CA"
                            + (provider == null ? "" : "; " + provider)));
        } else {
            String error = check(new SslPolicy.VerifyCa(policy.options(), SslPolicy.Fallback.NONE, "doctor-chain"),
                    withSni.chain, target);
            r.chainVerified = error == null;
            if (error == null) {
                r.add(Step.ok("chain", "verifies against " + Explanation.describeTrust(trust)));
            } else {
                r.add(refusal(policy, "chain", "does not verify against " + Explanation.describeTrust(trust) + ": " + error,
                        Hints.chainMismatch(withSni.chain, trust)));
            }
        }

        // Hostname by libpq's rules: core's verify-full check with the leaf pinned, so only the name is judged.
        String leafPin = Certificates.sha256(withSni.chain.get(0));
        String nameError = check(new SslPolicy.VerifyFull(policy.options().withTrust(TrustSource.pinned(List.of(leafPin))),
                SslPolicy.Fallback.NONE, "doctor-hostname"), withSni.chain, target);
        r.hostnameMatches = nameError == null;
        boolean hostnameChecked = policy instanceof SslPolicy.VerifyFull;
        if (nameError == null) {
            r.add(Step.ok("hostname", "\"" + target.host() + "\" matches the certificate by libpq's rules"
                    + (hostnameChecked ? "" : " (not required by this policy)")));
        } else if (hostnameChecked) {
            r.add(refusal(policy, "hostname", nameError, Hints.hostnameMismatch(target, withSni.chain.get(0))));
        } else {
            r.add(Step.warn("hostname", nameError + " (not checked by this policy, so the connection is not refused)",
                    Hints.hostnameMismatch(target, withSni.chain.get(0))));
        }

        // SNI: does the server answer differently without it?
        if (target.hostIsIp() || !policy.options().sni()) {
            r.sniMattered = null;
            r.add(Step.skip("sni", target.hostIsIp() ? "not sent: host is an IP literal" : "not sent: sslsni=0"));
        } else {
            progress.step("TLS handshake without SNI");
            String without;
            try {
                Observation noSni = observe(target, material, policy, direct, false);
                boolean same = Certificates.sha256(noSni.chain.get(0)).equals(leafPin);
                r.sniMattered = !same;
                without = same ? "the server presents the same certificate without SNI: SNI did not matter here"
                        : "without SNI the server presents another certificate (" + Certificates.subject(noSni.chain.get(0))
                        + "): SNI matters; keep sslsni=1 and connect by name";
            } catch (IOException | RuntimeException e) {
                r.sniMattered = true;
                without = "without SNI the handshake fails (" + describe(e) + "): this server routes by SNI"
                        + "; keep sslsni=1, connect by DNS name (not an IP) and use a driver that sends SNI";
            }
            r.add(Step.ok("sni", "sent \"" + target.host() + "\"; " + without));
        }
    }

    /**
     * A refused certificate fails the connection, except under allow/prefer: there libpq silently
     * retries in plaintext (spec §0.2), which the doctor reports as a warning worth acting on.
     */
    private static Step refusal(SslPolicy.Tls policy, String name, String detail, String hint) {
        if (policy.fallback() == SslPolicy.Fallback.NONE) {
            return Step.fail(name, detail, hint);
        }
        return Step.warn(name, detail + "; the TLS attempt is refused, and libpq (sslmode="
                + (policy.fallback() == SslPolicy.Fallback.PLAINTEXT_FIRST ? "allow" : "prefer")
                + ") silently falls back to plaintext if the server accepts it", hint);
    }

    private static String describeTrustAbsence(SslPolicy.Tls policy) {
        return policy instanceof SslPolicy.NoVerify ? "this policy encrypts without authenticating the server"
                : "the policy has no trust source";
    }

    /** Runs core's trust manager for {@code policy} over a recorded chain; null when it accepts. */
    private String check(SslPolicy policy, List<X509Certificate> chain, Target target) {
        try {
            TlsMaterial m = PgSsl.material(policy);
            SSLEngine engine = m.createEngine(target.host(), target.port());
            X509Certificate[] arr = chain.toArray(new X509Certificate[0]);
            m.trustManager().checkServerTrusted(arr, authType(arr[0]), engine);
            return null;
        } catch (CertificateException | RuntimeException e) {
            return Hints.safeMessage(e);
        }
    }

    private static String authType(X509Certificate leaf) {
        String alg = leaf.getPublicKey().getAlgorithm();
        return switch (alg) {
            case "EC" -> "ECDHE_ECDSA";
            case "RSA" -> "ECDHE_RSA";
            default -> alg;
        };
    }

    /** What one handshake showed. */
    static final class Observation {
        String protocol;
        String cipher;
        String alpn;
        List<X509Certificate> chain = List.of();
        boolean certificateRequested;

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("protocol", protocol);
            m.put("cipher", cipher);
            m.put("alpn", alpn);
            List<Object> certs = new ArrayList<>();
            for (X509Certificate c : chain) {
                certs.add(Certificates.describe(c));
            }
            m.put("chain", certs);
            m.put("client_certificate_requested", certificateRequested);
            return m;
        }
    }

    private Observation observe(Target target, TlsMaterial material, SslPolicy.Tls policy, boolean direct, boolean sni)
            throws IOException {
        Observation o = new Observation();
        AtomicBoolean requested = new AtomicBoolean();
        Recorder recorder = new Recorder();
        SSLContext ctx;
        try {
            ctx = SSLContext.getInstance("TLS");
            X509ExtendedKeyManager km = material.keyManager().orElse(null);
            ctx.init(new javax.net.ssl.KeyManager[]{new RequestWatcher(km, requested)},
                    new javax.net.ssl.TrustManager[]{recorder}, null);
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("the JDK has no TLS context", e);
        }
        Socket raw = connect(target);
        try {
            if (!direct) {
                char a = sslRequest(raw);
                if (a != 'S') {
                    throw new IOException("server answered " + a + " to SSLRequest");
                }
            }
            SSLSocketFactory f = ctx.getSocketFactory();
            SSLSocket ssl = (SSLSocket) f.createSocket(raw, target.host(), target.port(), true);
            SSLParameters p = material.sslParameters(target.host());
            if (sni && !target.hostIsIp()) {
                p.setServerNames(List.of(new SNIHostName(target.host())));
            } else {
                p.setServerNames(List.of());
            }
            p.setEndpointIdentificationAlgorithm(null);
            ssl.setSSLParameters(p);
            ssl.setSoTimeout((int) timeout.toMillis());
            ssl.startHandshake();
            SSLSession session = ssl.getSession();
            o.protocol = session.getProtocol();
            o.cipher = session.getCipherSuite();
            o.alpn = ssl.getApplicationProtocol();
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : session.getPeerCertificates()) {
                chain.add((X509Certificate) c);
            }
            o.chain = List.copyOf(chain);
            o.certificateRequested = requested.get();
            ssl.close();
        } finally {
            raw.close();
        }
        return o;
    }

    private Socket connect(Target target) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(target.address(), target.port()), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private static char sslRequest(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST_CODE).array());
        out.flush();
        InputStream in = new DataInputStream(s.getInputStream());
        int b = in.read();
        if (b < 0) {
            throw new IOException("the server closed the connection");
        }
        return (char) b;
    }

    static String describe(Throwable e) {
        if (e instanceof SocketTimeoutException) {
            return "timed out";
        }
        return Hints.safeMessage(e);
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Accepts any chain and records it: the handshake is an observation; core judges the chain afterwards. */
    private static final class Recorder extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Notes whether the server sent a CertificateRequest, and presents the configured identity if any. */
    private static final class RequestWatcher extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;
        private final AtomicBoolean requested;

        RequestWatcher(X509ExtendedKeyManager delegate, AtomicBoolean requested) {
            this.delegate = delegate;
            this.requested = requested;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            // Only record the request: this handshake trusts any server (it records the chain for
            // diagnosis), so the client certificate is not shown to a server not yet verified.
            requested.set(true);
            return null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            requested.set(true);
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate == null ? null : delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate == null ? null : delegate.getPrivateKey(alias);
        }
    }
}
