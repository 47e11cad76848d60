package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.OptionsPlanner;
import io.github.pgssl.vertx.internal.VertxPlan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.ClientIdentity;
import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslNegotiation;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TlsVersion;
import io.github.pgssl.TrustSource;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.pgclient.SslMode;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OptionsBuilderTest {
    private static final TlsOptions CA = TlsOptions.defaults().withTrust(TrustSource.pemFile(Path.of("/nonexistent/ca.pem")));

    static ConnectionSettings settings(String... kv) {
        // libpq's default user comes from the environment merge, which these hand-built settings skip.
        ConnectionSettings.Builder b = ConnectionSettings.builder("keyword-value").set("user", "u", Origin.EXPLICIT);
        for (int i = 0; i < kv.length; i += 2) {
            b.set(kv[i], kv[i + 1], Origin.EXPLICIT);
        }
        return b.build();
    }

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of("disable", SslPolicy.disabled(), SslMode.DISABLE),
                Arguments.of("allow", new SslPolicy.NoVerify(TlsOptions.defaults(), Fallback.PLAINTEXT_FIRST, "libpq"), SslMode.ALLOW),
                Arguments.of("prefer", new SslPolicy.NoVerify(TlsOptions.defaults(), Fallback.PLAINTEXT_AFTER_TLS_FAILURE, "libpq"), SslMode.PREFER),
                Arguments.of("prefer with root.crt", new SslPolicy.VerifyCa(CA, Fallback.PLAINTEXT_AFTER_TLS_FAILURE, "libpq"), SslMode.PREFER),
                Arguments.of("require", new SslPolicy.NoVerify(TlsOptions.defaults(), Fallback.NONE, "libpq"), SslMode.REQUIRE),
                Arguments.of("verify-ca", new SslPolicy.VerifyCa(CA, Fallback.NONE, "libpq"), SslMode.VERIFY_CA),
                Arguments.of("verify-full", new SslPolicy.VerifyFull(CA, Fallback.NONE, "libpq"), SslMode.VERIFY_CA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void buildWhenPolicyGivenThenVertxModeNeverAddsItsOwnHostnameCheck(String name, SslPolicy policy, SslMode expected) {
        PgSslConnectOptions o = OptionsBuilder.build(settings("host", "db.example.test", "user", "u"), policy);
        assertEquals(expected, o.getSslMode());
        assertSame(policy, o.policy());
        if (policy instanceof SslPolicy.Tls) {
            ClientSSLOptions ssl = o.getSslOptions();
            assertFalse(ssl.isTrustAll());
            assertEquals("", ssl.getHostnameVerificationAlgorithm());
            assertNotNull(ssl.getTrustOptions());
            assertNull(ssl.getKeyCertOptions());
            assertTrue(ssl.getCrlPaths().isEmpty());
            assertEquals(Set.of("TLSv1.2", "TLSv1.3"), ssl.getEnabledSecureTransportProtocols());
        } else {
            assertNull(o.getSslOptions());
        }
    }

    @Test
    void buildWhenPreferThenAttemptsAreTlsThenPlaintext() {
        SslPolicy p = new SslPolicy.NoVerify(TlsOptions.defaults(), Fallback.PLAINTEXT_AFTER_TLS_FAILURE, "libpq");
        VertxPlan.Target<PgSslConnectOptions> t = OptionsBuilder.build(settings("host", "h"), p).plan().orElseThrow().targets().get(0);
        assertEquals(List.of(ConnectionPlan.Attempt.TLS, ConnectionPlan.Attempt.PLAINTEXT), t.host().attempts());
        assertEquals(SslMode.REQUIRE, t.tls().getSslMode());
        assertEquals(SslMode.DISABLE, t.plain().getSslMode());
    }

    @Test
    void buildWhenAllowThenAttemptsArePlaintextThenTls() {
        SslPolicy p = new SslPolicy.VerifyCa(CA, Fallback.PLAINTEXT_FIRST, "libpq");
        VertxPlan.Target<PgSslConnectOptions> t = OptionsBuilder.build(settings("host", "h"), p).plan().orElseThrow().targets().get(0);
        assertEquals(List.of(ConnectionPlan.Attempt.PLAINTEXT, ConnectionPlan.Attempt.TLS), t.host().attempts());
        assertEquals(SslMode.VERIFY_CA, t.tls().getSslMode());
    }

    @Test
    void buildWhenUnixSocketHostThenOnlyPlaintextEvenForVerifyFull() {
        SslPolicy p = new SslPolicy.VerifyFull(CA, Fallback.NONE, "libpq");
        VertxPlan.Target<PgSslConnectOptions> t = OptionsBuilder.build(settings("host", "/var/run/postgresql"), p).plan().orElseThrow().targets().get(0);
        assertTrue(t.host().endpoint().isUnixSocket());
        assertEquals(List.of(ConnectionPlan.Attempt.PLAINTEXT), t.host().attempts());
        assertEquals("connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: ", t.host().failurePrefix());
    }

    @Test
    void buildWhenClientCertificateThenKeyManagerIsWrapped() {
        SslPolicy p = new SslPolicy.VerifyFull(CA.withIdentity(ClientIdentity.of(Path.of("/x/c.crt"), Path.of("/x/c.key"), null)),
                Fallback.NONE, "libpq");
        assertNotNull(OptionsBuilder.build(settings("host", "h"), p).getSslOptions().getKeyCertOptions());
    }

    @Test
    void buildWhenTlsRangeGivenThenEnabledProtocolsAreTheRange() {
        SslPolicy p = new SslPolicy.NoVerify(TlsOptions.defaults().withMinVersion(TlsVersion.TLS_1_3), Fallback.NONE, "libpq");
        assertEquals(Set.of("TLSv1.3"), OptionsBuilder.build(settings("host", "h"), p).getSslOptions().getEnabledSecureTransportProtocols());
        SslPolicy q = new SslPolicy.NoVerify(TlsOptions.defaults().withMinVersion(TlsVersion.TLS_1_1).withMaxVersion(TlsVersion.TLS_1_2),
                Fallback.NONE, "libpq");
        assertEquals(Set.of("TLSv1.1", "TLSv1.2"), OptionsBuilder.build(settings("host", "h"), q).getSslOptions().getEnabledSecureTransportProtocols());
    }

    @Test
    void buildWhenDirectNegotiationThenErrorNamesTheVertxVersionNeeded() {
        SslPolicy p = new SslPolicy.NoVerify(TlsOptions.defaults().withNegotiation(SslNegotiation.DIRECT), Fallback.NONE, "libpq");
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> OptionsBuilder.build(settings("host", "h"), p));
        assertEquals("sslnegotiation=direct needs vertx-pg-client 5.1.0 or later; pgssl-vertx is built for Vert.x 5.0.x,"
                + " which always sends an SSLRequest; use sslnegotiation=postgres", e.getMessage());
        assertEquals("sslnegotiation", e.setting().orElseThrow());
    }

    @Test
    void buildWhenTargetSessionAttrsThenPgSslConnectorsCheckItAndTheForeignOneRefuses() {
        PgSslConnectOptions o = OptionsBuilder.build(settings("host", "h", "target_session_attrs", "read-write"),
                SslPolicy.disabled());
        assertEquals(io.github.pgssl.TargetSessionAttrs.READ_WRITE, o.plan().orElseThrow().plan().targetSessionAttrs());
    }

    static Stream<Arguments> inexpressible() {
        return Stream.of(
                Arguments.of("gssencmode=require", settings("host", "h", "gssencmode", "require"), "gssencmode",
                        "gssencmode=require is not supported by vertx-pg-client, which never requests GSSAPI encryption;"
                                + " use gssencmode=disable or prefer"),
                Arguments.of("channel_binding=require", settings("host", "h", "channel_binding", "require"), "channel_binding",
                        "channel_binding=require cannot be enforced by vertx-pg-client 5.0.x (it has no channel binding mode);"
                                + " use channel_binding=prefer"),
                Arguments.of("invalid channel_binding", settings("host", "h", "channel_binding", "maybe"), "channel_binding",
                        "invalid channel_binding value: \"maybe\"; use disable, prefer or require"),
                Arguments.of("invalid require_auth", settings("host", "h", "require_auth", "password,password"), "require_auth",
                        "require_auth method \"password\" is specified more than once"),
                Arguments.of("requirepeer over a socket", settings("host", "/tmp", "requirepeer", "postgres"), "requirepeer",
                        "requirepeer cannot be checked by vertx-pg-client (it does not read the peer credentials of a Unix"
                                + " socket); remove requirepeer or connect over TCP"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inexpressible")
    void buildWhenDriverCannotExpressSettingThenExplicitError(String name, ConnectionSettings s, String setting, String message) {
        PgSslException e = assertThrows(PgSslException.class, () -> OptionsBuilder.build(s, SslPolicy.disabled()));
        assertEquals(message, e.getMessage());
        assertEquals(setting, e.setting().orElseThrow());
    }

    @Test
    void buildWhenRequirepeerOverTcpThenIgnoredAsLibpq() {
        assertEquals("h", OptionsBuilder.build(settings("host", "h", "requirepeer", "postgres"), SslPolicy.disabled()).getHost());
    }

    @Test
    void orderWhenLoadBalanceRandomThenPermutationOfHosts() {
        ConnectionPlan p = OptionsBuilder.build(settings("host", "a,b,c,d", "load_balance_hosts", "random"), SslPolicy.disabled())
                .plan().orElseThrow().plan();
        java.util.Set<List<String>> orders = new java.util.HashSet<>();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            List<String> o = p.order(random).stream().map(h -> h.endpoint().host()).toList();
            assertEquals(Set.of("a", "b", "c", "d"), Set.copyOf(o));
            orders.add(o);
        }
        assertTrue(orders.size() > 1, "random order never changed");
        ConnectionPlan fixed = OptionsBuilder.build(settings("host", "a,b,c,d"), SslPolicy.disabled()).plan().orElseThrow().plan();
        assertEquals(List.of("a", "b", "c", "d"), fixed.order(random).stream().map(h -> h.endpoint().host()).toList());
    }

    @Test
    void buildWhenSettingsGivenThenDatabaseDefaultsToUserAndStartupPropertiesCarryApplicationName() {
        PgSslConnectOptions o = OptionsBuilder.build(settings("host", "h", "port", "6543", "user", "alice",
                "fallback_application_name", "fb", "options", "-c search_path=x"), SslPolicy.disabled());
        assertEquals("h", o.getHost());
        assertEquals(6543, o.getPort());
        assertEquals("alice", o.getUser());
        assertEquals("alice", o.getDatabase());
        assertEquals("fb", o.getProperties().get("application_name"));
        assertEquals("-c search_path=x", o.getProperties().get("options"));
        assertEquals("utf8", o.getProperties().get("client_encoding"));
        assertEquals(0, o.getReconnectAttempts());
    }

    @Test
    void buildWhenPasswordGivenThenItReachesVertxButNoPgsslRenderer() {
        String sentinel = "S3ntinel-Pw-7731";
        PgSslConnectOptions o = OptionsBuilder.build(settings("host", "h", "user", "u", "password", sentinel), SslPolicy.disabled());
        assertEquals(sentinel, o.getPassword());
        assertFalse(o.targets().toString().contains(sentinel));
        assertFalse(o.policy().toString().contains(sentinel));
    }

    @Test
    void buildWhenHostaddrGivenThenConnectToAddressButKeepHostAsPeerName() {
        PgSslConnectOptions o = OptionsBuilder.build(settings("host", "db.example.test", "hostaddr", "127.0.0.1", "port", "5433"),
                SslPolicy.noVerify());
        SocketAddress a = o.getSocketAddress();
        assertEquals("db.example.test", a.host());
        assertEquals("127.0.0.1", a.hostAddress());
        assertEquals(5433, a.port());
        VertxPlan.Target<PgSslConnectOptions> t = o.plan().orElseThrow().targets().get(0);
        assertEquals("db.example.test", t.tls().getSocketAddress().host());
        assertEquals("127.0.0.1", t.tls().getSocketAddress().hostAddress());
        assertEquals("connection to server at \"db.example.test\" (127.0.0.1), port 5433 failed: ", t.host().failurePrefix());
        assertEquals(List.of("db.example.test (127.0.0.1):5433"), o.targets());
    }

    @Test
    void buildWhenOnlyHostaddrThenHostIsEmptyAndAddressIsUsed() {
        VertxPlan.Target<PgSslConnectOptions> t = OptionsBuilder.build(settings("hostaddr", "::1"), SslPolicy.noVerify()).plan().orElseThrow().targets().get(0);
        assertEquals("", t.host().endpoint().host());
        assertEquals("0:0:0:0:0:0:0:1", t.tls().getSocketAddress().hostAddress());
    }

    @Test
    void buildWhenSeveralHostsThenOnePerHostWithPortsMatched() {
        PgSslConnectOptions o = OptionsBuilder.build(settings("host", "a,b,c", "port", "1,,3"), SslPolicy.disabled());
        assertEquals(List.of("a:1", "b:5432", "c:3"), o.targets());
        PgSslConnectOptions single = OptionsBuilder.build(settings("host", "a,b", "port", "7"), SslPolicy.disabled());
        assertEquals(List.of("a:7", "b:7"), single.targets());
    }

    static Stream<Arguments> hostListErrors() {
        return Stream.of(
                // The pairing rules themselves are tested in core (EndpointTest); this row checks they are used.
                Arguments.of("bad port (core's Endpoint)", settings("host", "a", "port", "54x"), "port",
                        "invalid integer value \"54x\" for connection option \"port\"; use a number from 1 to 65535"),
                Arguments.of("name as hostaddr", settings("host", "a", "hostaddr", "localhost"), "hostaddr",
                        "could not parse network address \"localhost\"; hostaddr must be a numeric IPv4 or IPv6 address"),
                Arguments.of("bad connect_timeout", settings("host", "a", "connect_timeout", "10s"), "connect_timeout",
                        "invalid integer value \"10s\" for connection option \"connect_timeout\"; give whole seconds, e.g. connect_timeout=10"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostListErrors")
    void buildWhenHostListInvalidThenLibpqError(String name, ConnectionSettings s, String setting, String message) {
        PgSslException e = assertThrows(PgSslException.class, () -> OptionsBuilder.build(s, SslPolicy.disabled()));
        assertEquals(message, e.getMessage());
        assertEquals(setting, e.setting().orElseThrow());
    }

    static Stream<Arguments> atonForms() {
        return Stream.of(
                Arguments.of("127.0.0.1", new byte[] {127, 0, 0, 1}),
                Arguments.of("127.1", new byte[] {127, 0, 0, 1}),
                Arguments.of("10.1.258", new byte[] {10, 1, 1, 2}),
                Arguments.of("2130706433", new byte[] {127, 0, 0, 1}),
                Arguments.of("192.000.002.001", new byte[] {(byte) 192, 0, 2, 1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("atonForms")
    void inetAtonWhenValidFormThenBytes(String text, byte[] expected) {
        assertArrayEquals(expected, OptionsPlanner.inetAton(text));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"256.1.1.1", "1.2.3.4.5", "1..2", ".1", "1.2.3.256", "a.b", ""})
    void inetAtonWhenInvalidThenNull(String text) {
        assertNull(OptionsPlanner.inetAton(text));
    }

    @Test
    void connectTimeoutWhenSetThenMillisecondsAndTransportOptionsCarryIt() {
        PgSslConnectOptions o = OptionsBuilder.build(settings("host", "h", "connect_timeout", "3"), SslPolicy.disabled());
        assertEquals(3000, PgSslVertx.transportOptions(o).getConnectTimeout());
        assertEquals(0, OptionsBuilder.build(settings("host", "h", "connect_timeout", "-1"), SslPolicy.disabled())
                .plan().orElseThrow().connectTimeoutMillis());
    }
}
