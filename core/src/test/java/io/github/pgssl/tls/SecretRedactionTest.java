package io.github.pgssl.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgssl.ClientIdentity;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.Secret;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterialException;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TrustSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sentinel sslpassword never shows in policies, options, material or key-loading errors (with their stack traces). */
class SecretRedactionTest {
    static final String SENTINEL = "SENTINEL-k3y-p4ss";

    @TempDir
    Path dir;

    @Test
    void sslpasswordWhenRenderedOrInErrorsThenNeverShown() throws Exception {
        TestPki.Held ca = TestPki.ca("Secret CA").selfSigned();
        TestPki.Held client = TestPki.leaf("secret-user").clientAuth().signedBy(ca);
        Path cert = client.writePem(dir.resolve("client.crt"));
        Path key = dir.resolve("client.key");
        Files.writeString(key, TestPki.pemObject(new JcaPKCS8Generator(client.keyPair().getPrivate(),
                new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                        .setPassword("the-real-one".toCharArray()).build()).generate()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path root = ca.writePem(dir.resolve("root.crt"));

        List<String> rendered = new ArrayList<>();
        ClientIdentity id = ClientIdentity.of(cert, key, Secret.of(SENTINEL));
        SslPolicy p = new SslPolicy.VerifyCa(TlsOptions.defaults().withTrust(TrustSource.pemFile(root)).withIdentity(id),
                SslPolicy.Fallback.NONE, "test");
        rendered.add(id.toString());
        rendered.add(p.toString());
        rendered.add(p.tls().orElseThrow().toString());
        rendered.add(TrustSource.keyStore(key, "PKCS12", Secret.of(SENTINEL)).toString());
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PgSsl.material(p));
        rendered.add(e.getMessage());
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        rendered.add(trace.toString());

        ConnectionSettings s = ConnectionSettings.builder("keyword-value").set("sslmode", "verify-ca", Origin.EXPLICIT)
                .set("sslrootcert", root.toString(), Origin.EXPLICIT).set("sslcert", cert.toString(), Origin.EXPLICIT)
                .set("sslkey", key.toString(), Origin.EXPLICIT).setSecret("sslpassword", Secret.of(SENTINEL), Origin.EXPLICIT).build();
        SslPolicy resolved = PgSsl.policy(s, PgEnvironment.empty());
        rendered.add(resolved.toString());
        TlsMaterialException e2 = assertThrows(TlsMaterialException.class, () -> PgSsl.material(resolved));
        rendered.add(e2.getMessage());

        for (String r : rendered) {
            assertFalse(r.contains(SENTINEL), "sentinel secret leaked: " + r);
        }
    }
}
