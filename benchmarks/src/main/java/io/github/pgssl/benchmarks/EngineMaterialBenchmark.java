package io.github.pgssl.benchmarks;

import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsEngine;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The material of a policy already seen, per TLS engine ({@code pgssl.tls_engine}): the lookup every
 * configure and connection does must stay allocation-free and under 1 µs whichever engine the
 * policy names (Conscrypt needs {@code conscrypt-openjdk-uber} on the class path).
 */
@State(Scope.Benchmark)
public class EngineMaterialBenchmark {
    @Param({"jdk", "conscrypt", "openssl", "auto"})
    public String engine;

    Path dir;
    SslPolicy policy;
    SslPolicy equalPolicy;

    @Setup(Level.Trial)
    public void build() throws Exception {
        dir = Files.createTempDirectory("pgssl-engine-bench");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("O=pgssl-bench,CN=Engine Root");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
            w.writeObject(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        }
        Path root = Files.writeString(dir.resolve("root.pem"), pem.toString());
        TlsEngine e = TlsEngine.fromWireValue("engine", engine);
        policy = new SslPolicy.VerifyFull(TlsOptions.defaults().withTrust(TrustSource.pemFile(root)).withEngine(e),
                SslPolicy.Fallback.NONE, "full-verify");
        equalPolicy = new SslPolicy.VerifyFull(TlsOptions.defaults().withTrust(TrustSource.pemFile(root)).withEngine(e),
                SslPolicy.Fallback.NONE, "full-verify");
        TlsMaterial m = PgSsl.material(policy);
        System.err.println("engine " + engine + ": material context engine " + m.engine() + " (" + m.sslContext().getProvider().getName() + ")");
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(1)
    public TlsMaterial seenPolicySameInstance() {
        return PgSsl.material(policy);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(1)
    public TlsMaterial seenPolicyEqualInstance() {
        return PgSsl.material(equalPolicy);
    }
}
