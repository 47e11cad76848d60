package io.github.pgssl.benchmarks;

import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TrustSource;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TLS material cost (spec performance.md): getting the material of a policy already seen (the
 * per-configure path, target about 1 µs), and the first build from a 120-certificate PEM bundle
 * (the shape AWS RDS ships), warm and in a fresh JVM.
 */
public class MaterialBenchmark {

    /** A 120-certificate CA bundle written once per trial (RSA-2048, one key, 120 subjects). */
    @State(Scope.Benchmark)
    public static class Bundle {
        Path dir;
        Path bundle;
        SslPolicy policy;
        SslPolicy equalPolicy;

        @Setup(Level.Trial)
        public void write() throws Exception {
            dir = Files.createTempDirectory("pgssl-material-bench");
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
                for (int i = 0; i < 120; i++) {
                    X500Name name = new X500Name("O=pgssl-bench,CN=Bench Root " + i);
                    Instant now = Instant.now();
                    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(1000 + i),
                            Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, kp.getPublic());
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                    X509CertificateHolder h = b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()));
                    w.writeObject(h);
                }
            }
            bundle = Files.writeString(dir.resolve("rds-like-bundle.pem"), pem.toString());
            policy = SslPolicy.fullVerify(TrustSource.pemFile(bundle));
            equalPolicy = new SslPolicy.VerifyFull(TlsOptions.defaults().withTrust(TrustSource.pemFile(bundle)),
                    SslPolicy.Fallback.NONE, "full-verify");
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The per-configure path: the material of a policy seen before (same instance, and an equal one). */
    @State(Scope.Benchmark)
    public static class Seen {
        @Setup(Level.Trial)
        public void warm(Bundle b) {
            PgSsl.material(b.policy);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(1)
    public TlsMaterial seenPolicySameInstance(Bundle b, Seen s) {
        return PgSsl.material(b.policy);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(1)
    public TlsMaterial seenPolicyEqualInstance(Bundle b, Seen s) {
        return PgSsl.material(b.equalPolicy);
    }

    /** Each invocation starts from an empty cache. */
    @State(Scope.Thread)
    public static class Cold {
        @Setup(Level.Invocation)
        public void clear() {
            io.github.pgssl.PgSsl.clearMaterialCache();
        }
    }

    /** First build of the material from the 120-certificate bundle, in a warmed JVM. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 10)
    @Measurement(iterations = 30)
    @Fork(1)
    public TlsMaterial firstBuild120Warm(Bundle b, Cold c) {
        return PgSsl.material(b.policy);
    }

    /** First build of the material from the 120-certificate bundle, the first TLS work of a fresh JVM. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(5)
    public TlsMaterial firstBuild120FreshJvm(Bundle b, Cold c) {
        return PgSsl.material(b.policy);
    }

    /**
     * Baseline for {@link #firstBuild120FreshJvm}: what a plain JSSE client does with the same bundle
     * in a fresh JVM (CertificateFactory, a PKIX TrustManagerFactory over a key store, SSLContext init).
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(5)
    public javax.net.ssl.SSLContext jdkBaselineFreshJvm(Bundle b) throws Exception {
        java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        try (java.io.InputStream in = Files.newInputStream(b.bundle)) {
            for (java.security.cert.Certificate c : cf.generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
