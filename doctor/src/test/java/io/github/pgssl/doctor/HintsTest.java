package io.github.pgssl.doctor;

import io.github.pgssl.TlsVerificationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classification of driver errors (texts seen from pgjdbc, r2dbc, Vert.x, libpq) into a diagnosis and its fix. */
class HintsTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("pgssl chain refusal", new SQLException("connection failed", new SSLHandshakeException("x") {
                    private static final long serialVersionUID = 1L;
                    {
                        initCause(new TlsVerificationException(TlsVerificationException.Reason.UNTRUSTED, "certificate verify failed"));
                    }
                }), Hints.Diagnosis.UNTRUSTED_CHAIN),
                Arguments.of("pgssl hostname refusal", new IOException("handshake", new TlsVerificationException(
                        TlsVerificationException.Reason.HOSTNAME_MISMATCH, "server certificate for \"a\" does not match host name \"b\"")),
                        Hints.Diagnosis.HOSTNAME_MISMATCH),
                Arguments.of("pgssl expiry refusal", new IOException("handshake", new TlsVerificationException(
                        TlsVerificationException.Reason.EXPIRED, "certificate verify failed: certificate has expired")),
                        Hints.Diagnosis.CERTIFICATE_EXPIRED),
                Arguments.of("pgjdbc PKIX", new SQLException("SSL error: PKIX path building failed: unable to find valid certification path to requested target"),
                        Hints.Diagnosis.UNTRUSTED_CHAIN),
                Arguments.of("pgjdbc missing root.crt", new SQLException("Could not open SSL root certificate file /home/u/.postgresql/root.crt."),
                        Hints.Diagnosis.MISSING_CA_FILE),
                Arguments.of("pgjdbc hostname verifier", new SQLException("The hostname 10.0.0.1 could not be verified by hostnameverifier PgjdbcHostnameVerifier."),
                        Hints.Diagnosis.HOSTNAME_MISMATCH),
                Arguments.of("libpq no TLS", new SQLException("server does not support SSL, but SSL was required"),
                        Hints.Diagnosis.SERVER_WITHOUT_TLS),
                Arguments.of("server wants a client certificate", new SQLException("FATAL: connection requires a valid client certificate"),
                        Hints.Diagnosis.CLIENT_CERTIFICATE_REQUIRED),
                Arguments.of("TLS 1.3 alert", new SSLHandshakeException("Received fatal alert: certificate_required"),
                        Hints.Diagnosis.CLIENT_CERTIFICATE_REQUIRED),
                Arguments.of("Neon without SNI", new SQLException("ERROR: The endpoint ID is not specified. Either upgrade the Postgres client library (libpq) for SNI support"),
                        Hints.Diagnosis.SNI_REQUIRED),
                Arguments.of("hostssl only", new SQLException("FATAL: pg_hba.conf rejects connection for host \"127.0.0.1\", user \"u\", database \"d\", no encryption"),
                        Hints.Diagnosis.TLS_REQUIRED_BY_SERVER),
                Arguments.of("bad password", new SQLException("FATAL: password authentication failed for user \"u\""),
                        Hints.Diagnosis.AUTHENTICATION),
                Arguments.of("refused", new ConnectException("Connection refused"), Hints.Diagnosis.UNREACHABLE),
                Arguments.of("timeout", new SocketTimeoutException("connect timed out"), Hints.Diagnosis.TIMEOUT),
                Arguments.of("DNS", new UnknownHostException("db.invalid"), Hints.Diagnosis.UNKNOWN_HOST),
                Arguments.of("something else", new IllegalStateException("boom"), Hints.Diagnosis.OTHER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void diagnoseWhenKnownErrorThenItsDiagnosis(String name, Throwable e, Hints.Diagnosis expected) {
        assertEquals(expected, Hints.diagnose(e));
    }

    @Test
    void forFailureWhenRdsAndUntrustedThenNamesTheGlobalBundle() {
        String hint = Hints.forFailure(new SQLException("PKIX path building failed"), "mydb.abc123.eu-west-1.rds.amazonaws.com");
        assertTrue(hint.endsWith("; AWS RDS: set sslrootcert to the whole global bundle "
                + "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem (every certificate in it, not only the first)"), hint);
    }

    @Test
    void forFailureWhenNeonNeedsSniThenNamesEndpointOption() {
        String hint = Hints.forFailure(new SQLException("The endpoint ID is not specified"), "ep-cool-1234.us-east-2.aws.neon.tech");
        assertTrue(hint.contains("Neon routes by SNI"), hint);
    }

    @Test
    void forFailureWhenUnknownProviderThenNoProviderAdvice() {
        assertEquals("the server has TLS turned off: enable it on the server (ssl=on with ssl_cert_file and ssl_key_file), "
                        + "or, on a trusted network only, use sslmode=prefer or sslmode=disable",
                Hints.forFailure(new SQLException("server does not support SSL"), "db.internal.example"));
        assertNull(Providers.name("db.internal.example"));
        assertEquals("Supabase", Providers.name("db.abcdef.supabase.co"));
    }

    @Test
    void safeMessageWhenCausesRepeatThenEachOnce() {
        Exception e = new RuntimeException("outer", new IOException("inner", new IOException("inner")));
        assertEquals("outer: inner", Hints.safeMessage(e));
    }

    @Test
    void safeMessageWhenDriverRewrapsTheFactThenStatedOnceInLibpqForm() {
        // pgssl-jdbc's SQLException, pgjdbc's PSQLException ("SSL error: ..."), then JSSE's handshake exception.
        String fact = "server certificate for \"localhost\" (and 1 other name) does not match host name \"127.0.0.1\"";
        Exception e = new java.sql.SQLException("connection to server at \"127.0.0.1\", port 5433 failed: " + fact,
                new java.sql.SQLException("SSL error: " + fact, new javax.net.ssl.SSLHandshakeException(fact)));
        assertEquals("connection to server at \"127.0.0.1\", port 5433 failed: " + fact, Hints.safeMessage(e));
    }

    @Test
    void safeMessageWhenCauseAddsAFactThenKept() {
        Exception e = new RuntimeException("connection to server at \"h\", port 1 failed: timeout expired",
                new IOException("SSL error: handshake alert: unknown_ca"));
        assertEquals("connection to server at \"h\", port 1 failed: timeout expired: SSL error: handshake alert: unknown_ca",
                Hints.safeMessage(e));
    }
}
