package io.github.pgssl.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PolicyDescription;
import io.github.pgssl.SslPolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One wording of a policy for every reporter (doctor, Spring Boot actuator, Quarkus health). */
class PolicyDescriptionTest {
    @TempDir
    Path dir;

    private static final PgEnvironment EMPTY = PgEnvironment.of(Map.of(), Path.of("/nonexistent"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sslmode=disable                            | disabled    | never                                       | ",
        "sslmode=allow                              | no-verify   | only if the server refuses plaintext        | no trust anchors",
        "sslmode=prefer                             | no-verify   | if the TLS attempt succeeds, else plaintext | no trust anchors",
        "sslmode=require                            | no-verify   | always                                      | no trust anchors",
        "sslmode=verify-ca sslrootcert=@CA           | verify-ca   | always                                      | the CA file @CA",
        "sslmode=verify-full sslrootcert=system     | verify-full | always                                      | the system's trusted roots (the JDK's cacerts)",
    })
    void describeWhenSslmodeThenKindEncryptionAndTrustInWords(String options, String kind, String encryption, String trust)
            throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "");
        SslPolicy p = PgSsl.policy(PgSsl.settings("host=db.example.com " + options.replace("@CA", ca.toString()), EMPTY), EMPTY);
        assertEquals(kind, PolicyDescription.kind(p));
        assertEquals(encryption, PolicyDescription.encryption(p));
        if (p instanceof SslPolicy.Tls t) {
            assertEquals(trust.replace("@CA", ca.toString()), PolicyDescription.trust(t.options().trust()));
        }
    }
}
