package io.github.pgssl.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The common path (parse a verify-ca string with one PEM root, build the material, verify the
 * server's chain) never loads a BouncyCastle class. bcprov is a signed jar: the first class loaded
 * from it makes the JVM check the jar's signature, which cost pgssl's first connection in a fresh
 * JVM about 400 ms (docs/benchmarks.md, cold start). Run in a class loader that holds pgssl-core's
 * classes and no BouncyCastle: any such load fails with {@link NoClassDefFoundError}.
 */
class ColdPathWithoutBouncyCastleTest {
    static final String HOST = "db.pgssl.test";

    @TempDir
    Path dir;

    @Test
    void verifyCaWhenRootWithoutNameConstraintsThenNoBouncyCastleClassIsLoaded() throws Exception {
        TestPki.Held root = TestPki.ca("Cold Root").selfSigned();
        TestPki.Held leaf = TestPki.leaf(HOST).dns(HOST).signedBy(root);
        Path rootFile = root.writePem(dir.resolve("root.crt"));
        X509Certificate[] chain = {leaf.certificate()};

        X509TrustManager tm = trustManagerWithoutBouncyCastle("host=" + HOST + " sslmode=verify-ca sslrootcert=" + rootFile);
        tm.checkServerTrusted(chain, "RSA");

        // The loader really lacks BouncyCastle: a root with name constraints needs it, and fails to load it.
        TestPki.Held constrained = TestPki.ca("Constrained").permittedDns(HOST).selfSigned();
        TestPki.Held inside = TestPki.leaf(HOST).dns(HOST).signedBy(constrained);
        Path constrainedFile = constrained.writePem(dir.resolve("constrained.crt"));
        X509TrustManager needsBc = trustManagerWithoutBouncyCastle(
                "host=" + HOST + " sslmode=verify-ca sslrootcert=" + constrainedFile);
        Throwable e = assertThrows(Throwable.class, () -> needsBc.checkServerTrusted(new X509Certificate[] {inside.certificate()}, "RSA"));
        while (e.getCause() != null && !(e instanceof NoClassDefFoundError)) {
            e = e.getCause();
        }
        assertEquals(NoClassDefFoundError.class, e.getClass(), String.valueOf(e));
    }

    /** pgssl-core's classes alone (parent: the platform loader, so no class path and no BouncyCastle). */
    private static X509TrustManager trustManagerWithoutBouncyCastle(String connectionString) throws Exception {
        URL core = io.github.pgssl.PgSsl.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader loader = new URLClassLoader(new URL[] {core}, ClassLoader.getPlatformClassLoader());
        try {
            loader.loadClass("org.bouncycastle.asn1.ASN1Object");
            throw new AssertionError("BouncyCastle is visible to the isolated loader");
        } catch (ClassNotFoundException expected) {
            // as intended
        }
        Class<?> env = loader.loadClass("io.github.pgssl.PgEnvironment");
        Object environment = env.getMethod("of", Map.class, Path.class).invoke(null, Map.of(), Path.of("/nonexistent"));
        Class<?> pgssl = loader.loadClass("io.github.pgssl.PgSsl");
        try {
            Object settings = pgssl.getMethod("settings", String.class, env).invoke(null, connectionString, environment);
            Method policyMethod = pgssl.getMethod("policy", loader.loadClass("io.github.pgssl.ConnectionSettings"), env);
            Object policy = policyMethod.invoke(null, settings, environment);
            Object material = pgssl.getMethod("material", loader.loadClass("io.github.pgssl.SslPolicy")).invoke(null, policy);
            Method tm = loader.loadClass("io.github.pgssl.TlsMaterial").getMethod("trustManager");
            X509TrustManager trustManager = (X509TrustManager) tm.invoke(material);
            return new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    trustManager.checkClientTrusted(chain, authType);
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    trustManager.checkServerTrusted(chain, authType);
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return trustManager.getAcceptedIssuers();
                }
            };
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception c) {
                throw c;
            }
            throw new AssertionError(e.getCause());
        }
    }
}
