package io.github.pgssl.vertx4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.ClientIdentity;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TlsVersion;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.UnsupportedDriverException;
import io.github.pgssl.vertx.internal.LibpqSniEngineOptions;
import io.github.pgssl.vertx.internal.LibpqSniOpenSslEngineOptions;
import io.github.pgssl.vertx.internal.VertxLine;
import io.vertx.core.net.SocketAddress;
import io.vertx.pgclient.SslMode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What pgssl-vertx4 puts on Vert.x 4.5's options (which are also its TCP and TLS options): the
 * version-specific part of building them. The shared part (plan, hostaddr, messages) is the same
 * code as pgssl-vertx's, checked there in depth (OptionsBuilderTest) and here by the ITs.
 */
class OptionsBuilder4Test {
    private static final PgEnvironment EMPTY = PgEnvironment.of(Map.of("USER", "u"), null);

    static PgSslConnectOptions options(String conninfo) {
        return PgSslVertx4.connectOptions(conninfo, EMPTY);
    }

    @ParameterizedTest(name = "sslmode={0} -> Vert.x {1}")
    @CsvSource({"disable, DISABLE", "allow, ALLOW", "prefer, PREFER", "require, REQUIRE"})
    void connectOptionsWhenSslmodeThenVertxModeAndPgsslTlsOnTheOptions(String sslmode, SslMode expected) {
        PgSslConnectOptions o = options("host=db.example.test sslmode=" + sslmode);
        assertEquals(expected, o.getSslMode());
        assertFalse(o.isSsl()); // TLS only ever starts after the SSLRequest, as the sslmode says
        if (expected == SslMode.DISABLE) {
            assertNull(o.getTrustOptions());
            assertNull(o.getSslEngineOptions());
            return;
        }
        assertFalse(o.isTrustAll());
        assertEquals("", o.getHostnameVerificationAlgorithm()); // libpq's rules run in pgssl's trust manager
        // TrustOptions.wrap(pgssl's TrustManagerFactory): Vert.x's package-private TrustManagerFactoryOptions
        assertEquals("TrustManagerFactoryOptions", o.getTrustOptions().getClass().getSimpleName());
        assertNull(o.getKeyCertOptions());
        assertTrue(o.getCrlPaths().isEmpty());
        assertEquals(Set.of("TLSv1.2", "TLSv1.3"), o.getEnabledSecureTransportProtocols());
        assertInstanceOf(LibpqSniEngineOptions.class, o.getSslEngineOptions());
    }

    @Test
    void connectOptionsWhenVerifyFullThenVertxVerifyCaNeverItsHttpsCheck() {
        PgSslConnectOptions o = options("host=db.example.test sslmode=verify-full sslrootcert=system");
        assertEquals(SslMode.VERIFY_CA, o.getSslMode());
        assertEquals("", o.getHostnameVerificationAlgorithm());
        assertInstanceOf(SslPolicy.VerifyFull.class, o.policy());
    }

    @Test
    void connectOptionsWhenClientCertificateThenKeyManagerAndProtocolRange() {
        SslPolicy policy = new SslPolicy.NoVerify(TlsOptions.defaults().withMinVersion(TlsVersion.TLS_1_3)
                .withIdentity(ClientIdentity.of(Path.of("/x/c.crt"), Path.of("/x/c.key"), null)), Fallback.NONE, "test");
        PgSslConnectOptions o = PgSslVertx4.connectOptions(PgSsl.settings("host=h", EMPTY), policy);
        assertEquals("KeyManagerFactoryOptions", o.getKeyCertOptions().getClass().getSimpleName());
        assertEquals(Set.of("TLSv1.3"), o.getEnabledSecureTransportProtocols());
    }

    @Test
    void connectOptionsWhenConnectTimeoutThenOnTheOptions() {
        assertEquals(3000, options("host=h sslmode=disable connect_timeout=3").getConnectTimeout());
    }

    @Test
    void connectOptionsWhenOpensslEngineThenOpenSslEngineOptionsWithLibpqSni() {
        assertInstanceOf(LibpqSniOpenSslEngineOptions.class,
                options("host=h sslmode=require pgssl.tls_engine=openssl").getSslEngineOptions());
    }

    @Test
    void connectOptionsWhenHostaddrThenAddressIsHostaddrNamedHost() {
        PgSslConnectOptions o = options("host=db.example.test hostaddr=127.0.0.2 port=6543 sslmode=require");
        SocketAddress a = o.getSocketAddress();
        assertEquals("db.example.test", a.host());
        assertEquals(6543, a.port());
        assertEquals("db.example.test", o.getHost());
        assertEquals(List.of("db.example.test (127.0.0.2):6543"), o.targets());
    }

    @Test
    void connectOptionsWhenHostListThenEveryHostPlannedWithItsOwnOptions() {
        PgSslConnectOptions o = options("host=a,b port=5433,5434 sslmode=prefer");
        assertEquals(List.of("a:5433", "b:5434"), o.targets());
        assertEquals(2, o.plan().orElseThrow().targets().size());
        assertSame(o.plan().orElseThrow().managers(), o.plan().orElseThrow().managers());
    }

    @Test
    void connectOptionsWhenDirectNegotiationThenRefusedNamingThisAdapterAndLine() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> options("host=h sslmode=require sslnegotiation=direct"));
        assertEquals("sslnegotiation=direct needs vertx-pg-client 5.1.0 or later; pgssl-vertx4 is built for"
                + " Vert.x 4.5.x, which always sends an SSLRequest; use sslnegotiation=postgres", e.getMessage());
    }

    @Test
    void connectOptionsWhenChannelBindingRequireThenRefusedNamingLine() {
        PgSslException e = assertThrows(PgSslException.class, () -> options("host=h sslmode=require channel_binding=require"));
        assertEquals("channel_binding=require cannot be enforced by vertx-pg-client 4.5.x (it has no"
                + " channel binding mode); use channel_binding=prefer", e.getMessage());
    }

    @Test
    void connectOptionsWhenTargetSessionAttrsThenPlannedForPgsslConnectorsOnly() {
        // pgssl's connectors check the session (Vertx4PlanIT); Vert.x's own connector is refused with the reason there.
        PgSslConnectOptions o = options("host=a,b target_session_attrs=read-write");
        assertEquals(io.github.pgssl.TargetSessionAttrs.READ_WRITE, o.plan().orElseThrow().plan().targetSessionAttrs());
    }

    @Test
    void checkDriverWhenVertx5ThenRefusedNamingTheOtherArtifact() {
        UnsupportedDriverException e = assertThrows(UnsupportedDriverException.class,
                () -> OptionsBuilder.LINE.check("5.0.10", true));
        assertEquals("Vert.x 5.0.10 is not supported by pgssl-vertx4: it needs Vert.x 4.x, 4.5.0 or newer; use"
                + " io.github.pgssl:pgssl-vertx for Vert.x 5, or io.vertx:vertx-core and io.vertx:vertx-pg-client 4.5.x"
                + " (one version for both)", e.getMessage());
        assertEquals("5.0.10", e.foundVersion());
        assertThrows(UnsupportedDriverException.class, () -> OptionsBuilder.LINE.check("unknown", false));
        OptionsBuilder.LINE.check("4.5.27", true);
        assertTrue(OptionsBuilder.LINE.present());
        // pgssl-vertx's adapter asks for Vert.x 5's internal API: absent here, so only pgssl-vertx4 claims PgConnectOptions.
        assertFalse(new VertxLine("pgssl-vertx", 5, "5.0.0", "io.vertx.core.internal.VertxInternal", "").present());
    }

    @Test
    void connectOptionsWhenPasswordInStringThenNoRendererShowsIt() {
        String sentinel = "Sentinel-4c1d-Pw";
        PgSslConnectOptions o = options("postgresql://u:" + sentinel + "@h/db?sslmode=require");
        assertEquals(sentinel, o.getPassword());
        assertFalse(o.targets().toString().contains(sentinel));
        assertNotNull(o.policy());
        PgSslException e = assertThrows(PgSslException.class,
                () -> options("postgresql://u:" + sentinel + "@h/db?sslmode=require&load_balance_hosts=sometimes"));
        assertFalse(e.getMessage().contains(sentinel));
    }
}
