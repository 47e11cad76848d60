package io.github.pgssl.r2dbc;

import io.github.pgssl.Endpoint;
import io.github.pgssl.TlsMaterialException;
import io.github.pgssl.TlsVerificationException;
import io.r2dbc.postgresql.api.ErrorDetails;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class R2dbcErrorsTest {
    private static final Endpoint TARGET = Endpoint.of(0, "db.example.com", "10.0.0.5", 5432);

    /** What the driver raises for a server ErrorResponse: an R2DBC exception carrying the fields. */
    static final class ServerError extends R2dbcPermissionDeniedException implements PostgresqlException {
        private static final long serialVersionUID = 1L;
        private final transient ErrorDetails details;

        ServerError(String code, String message) {
            super(message, code);
            this.details = new ErrorDetails(List.of(
                    new io.r2dbc.postgresql.message.backend.Field(io.r2dbc.postgresql.message.backend.Field.FieldType.SEVERITY_NON_LOCALIZED, "FATAL"),
                    new io.r2dbc.postgresql.message.backend.Field(io.r2dbc.postgresql.message.backend.Field.FieldType.CODE, code),
                    new io.r2dbc.postgresql.message.backend.Field(io.r2dbc.postgresql.message.backend.Field.FieldType.MESSAGE, message)));
        }

        @Override
        public ErrorDetails getErrorDetails() {
            return details;
        }
    }

    @Test
    void reasonWhenCertificateRefusedThenSslErrorPrefixAndPgsslText() {
        Throwable e = new R2dbcNonTransientResourceException("Cannot connect to /10.0.0.5:5432",
                new SSLHandshakeException("PKIX").initCause(new TlsVerificationException(TlsVerificationException.Reason.UNTRUSTED,
                        "certificate verify failed: unable to get local issuer certificate")));
        assertEquals("SSL error: certificate verify failed: unable to get local issuer certificate", R2dbcErrors.reason(e));
    }

    @Test
    void reasonWhenHostnameMismatchThenLibpqTextWithoutPrefix() {
        Throwable e = new RuntimeException(new SSLHandshakeException("x").initCause(new TlsVerificationException(
                TlsVerificationException.Reason.HOSTNAME_MISMATCH, "server certificate for \"a\" does not match host name \"b\"")));
        assertEquals("server certificate for \"a\" does not match host name \"b\"", R2dbcErrors.reason(e));
    }

    @Test
    void reasonWhenServerRefusedThenSeverityAndMessageLikeLibpq() {
        assertEquals("FATAL:  pg_hba.conf rejects connection", R2dbcErrors.reason(new ServerError("28000", "pg_hba.conf rejects connection")));
    }

    @Test
    void reasonWhenDriverSaysServerRefusedSslThenLibpqWording() {
        Throwable e = new RuntimeException("Server support for SSL connection is disabled, but client was configured with SSL mode REQUIRE");
        assertEquals("server does not support SSL, but SSL was required", R2dbcErrors.reason(e));
    }

    @Test
    void reasonWhenKeyUnreadableThenPgsslMessage() {
        Throwable e = new TlsMaterialException("sslkey", null, "could not load private key file \"/k\": bad decrypt");
        assertEquals("could not load private key file \"/k\": bad decrypt", R2dbcErrors.reason(e));
    }

    @Test
    void reasonWhenChannelClosedThenLibpqWording() {
        assertEquals("server closed the connection unexpectedly", R2dbcErrors.reason(new RuntimeException(new ClosedChannelException())));
    }

    @Test
    void nextHostWhenTcpRefusedOrCannotConnectNowThenTrue() {
        assertTrue(R2dbcErrors.movesToNextHost(new RuntimeException(new ConnectException("Connection refused"))));
        assertTrue(R2dbcErrors.movesToNextHost(new ServerError("57P03", "the database system is starting up")));
        assertFalse(R2dbcErrors.movesToNextHost(new ServerError("28000", "pg_hba.conf rejects connection")));
        assertFalse(R2dbcErrors.movesToNextHost(new SSLHandshakeException("bad certificate")));
    }

    @Test
    void toR2dbcWhenTwoAttemptsThenOneLineEachLastIsCauseFirstSuppressed() {
        Throwable first = new RuntimeException(new SSLHandshakeException("x").initCause(new TlsVerificationException(
                TlsVerificationException.Reason.UNTRUSTED, "certificate verify failed: unknown CA")));
        ServerError second = new ServerError("28000", "pg_hba.conf rejects connection for host \"10.0.0.5\"");
        R2dbcException e = R2dbcErrors.toR2dbc(failed(first, second));
        assertInstanceOf(PgSslAuthenticationException.class, e);
        assertEquals("connection to server at \"db.example.com\" (10.0.0.5), port 5432 failed: SSL error: certificate verify failed: unknown CA\n"
                + "connection to server at \"db.example.com\" (10.0.0.5), port 5432 failed: FATAL:  pg_hba.conf rejects connection for host \"10.0.0.5\"",
                e.getMessage());
        assertEquals("28000", e.getSqlState());
        assertSame(second, e.getCause());
        assertSame(first, e.getSuppressed()[0]);
    }

    @Test
    void toR2dbcWhenTlsFailureLastThenNonTransientResourceWith08001() {
        R2dbcException e = R2dbcErrors.toR2dbc(failed(new SSLHandshakeException("Received fatal alert: protocol_version")));
        assertInstanceOf(PgSslConnectionException.class, e);
        assertEquals("08001", e.getSqlState());
        assertEquals("connection to server at \"db.example.com\" (10.0.0.5), port 5432 failed: SSL error: tlsv1 alert protocol version",
                e.getMessage());
    }

    /** Core's final error for these attempt failures on {@link #TARGET}, classified by the r2dbc hook. */
    private static io.github.pgssl.ConnectionFailedException failed(Throwable... errors) {
        List<io.github.pgssl.AttemptFailure> list = new java.util.ArrayList<>();
        for (Throwable t : errors) {
            list.add(R2dbcErrors.classify(t).at(TARGET, io.github.pgssl.ConnectionPlan.Attempt.TLS));
        }
        return new io.github.pgssl.ConnectionFailedException(list);
    }
}
