package io.github.pgssl.plan;

import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.ConnectionPlan.Attempt;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.DriverInputs;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TargetSessionAttrs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The connection plan core builds once for every adapter: hosts, attempts, passwords, timeouts, defaults. */
class ConnectionPlanTest {
    @TempDir
    Path home;

    private PgEnvironment env() {
        return PgEnvironment.of(Map.of("USER", "envuser"), home);
    }

    private ConnectionPlan plan(String url) {
        ConnectionSettings s = PgSsl.settings(url, env());
        return ConnectionPlan.of(s, PgSsl.policy(s, env()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            min 3.2          | min_protocol_version=3.2    | min_protocol_version | min_protocol_version=3.2: the Java drivers speak protocol 3.0 only, and libpq 18 would require protocol 3.2; remove min_protocol_version or set it to 3.0
            min latest       | min_protocol_version=latest | min_protocol_version | min_protocol_version=latest: the Java drivers speak protocol 3.0 only, and libpq 18 would require the newest version; remove min_protocol_version or set it to 3.0
            min invalid      | min_protocol_version=3.1    | min_protocol_version | invalid min_protocol_version value: "3.1"; use 3.0, 3.2 or latest
            max invalid      | max_protocol_version=4      | max_protocol_version | invalid max_protocol_version value: "4"; use 3.0, 3.2 or latest
            sslkeylogfile    | sslkeylogfile=/k.log        | sslkeylogfile | sslkeylogfile: the JDK's TLS cannot write session keys, so pgssl does not honour it; remove sslkeylogfile (debug TLS with -Djavax.net.debug=ssl:handshake)
            oauth            | oauth_issuer=https://i      | oauth_issuer | oauth_issuer: the Java drivers have no libpq 18 OAuth authentication, and pgssl does not drop it silently; remove oauth_issuer
            scram key        | scram_client_key=abc        | scram_client_key | scram_client_key: the Java drivers have no libpq 18 SCRAM-key authentication, and pgssl does not drop it silently; remove scram_client_key
            """)
    void ofWhenLibpq18SettingCannotBeHonouredThenRefusedWithReason(String name, String extra, String setting, String message) {
        PgSslException e = assertThrows(PgSslException.class, () -> plan("host=db " + extra));
        assertEquals(message, e.getMessage());
        assertEquals(setting, e.setting().orElseThrow());
        assertEquals(List.of(Attempt.TLS, Attempt.PLAINTEXT),
                plan("host=db min_protocol_version=3.0 max_protocol_version=latest").hosts().get(0).attempts());
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                arguments("sslmode=disable", List.of(Attempt.PLAINTEXT)),
                arguments("sslmode=allow", List.of(Attempt.PLAINTEXT, Attempt.TLS)),
                arguments("sslmode=prefer", List.of(Attempt.TLS, Attempt.PLAINTEXT)),
                arguments("sslmode=require", List.of(Attempt.TLS)));
    }

    @ParameterizedTest(name = "{0} tries {1}")
    @MethodSource("attempts")
    void ofWhenSslmodeThenLibpqAttemptOrder(String mode, List<Attempt> expected) {
        assertEquals(expected, plan("host=db " + mode).hosts().get(0).attempts());
    }

    @Test
    void ofWhenUnixSocketThenOnlyPlaintextEvenForRequire() {
        ConnectionPlan p = plan("host=/run/pg,db sslmode=require");
        assertEquals(List.of(Attempt.PLAINTEXT), p.hosts().get(0).attempts());
        assertEquals(List.of(Attempt.TLS), p.hosts().get(1).attempts());
    }

    @ParameterizedTest(name = "connect_timeout={0} -> {1}")
    @CsvSource({"10,PT10S", "1,PT2S", "0,", "-5,", "' 3',PT3S"})
    void ofWhenConnectTimeoutThenDurationWithLibpqMinimum(String value, String expected) {
        assertEquals(Optional.ofNullable(expected).map(Duration::parse),
                plan("host=db connect_timeout='" + value + "'").connectTimeout());
    }

    @Test
    void ofWhenConnectTimeoutNotIntegerThenLibpqMessage() {
        PgSslException e = assertThrows(PgSslException.class, () -> plan("host=db connect_timeout=ten"));
        assertEquals("invalid integer value \"ten\" for connection option \"connect_timeout\"; give whole seconds,"
                + " e.g. connect_timeout=10", e.getMessage());
    }

    @Test
    void ofWhenLoadBalanceUnknownThenRefused() {
        PgSslException e = assertThrows(PgSslException.class, () -> plan("host=a,b load_balance_hosts=always"));
        assertEquals("invalid load_balance_hosts value: \"always\"; use disable or random", e.getMessage());
    }

    @Test
    void ofWhenTargetSessionAttrsUnknownThenRefused() {
        PgSslException e = assertThrows(PgSslException.class, () -> plan("host=a target_session_attrs=rw"));
        assertEquals("invalid target_session_attrs value: \"rw\"; use any, read-write, read-only, primary, standby"
                + " or prefer-standby", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"any,ANY", "read-write,READ_WRITE", "prefer-standby,PREFER_STANDBY"})
    void ofWhenTargetSessionAttrsThenOneEnum(String value, TargetSessionAttrs expected) {
        assertEquals(expected, plan("host=a target_session_attrs=" + value).targetSessionAttrs());
    }

    @Test
    void ofWhenNoUserThenInjectedEnvironmentsUserAndDatabase() {
        ConnectionPlan p = plan("host=db");
        assertEquals("envuser", p.user());
        assertEquals("envuser", p.database());
    }

    @Test
    void ofWhenEnvironmentHasNoUserThenRefusedNotJavaSystemProperty() {
        PgEnvironment none = PgEnvironment.of(Map.of(), home);
        ConnectionSettings s = PgSsl.settings("host=db", none);
        PgSslException e = assertThrows(PgSslException.class, () -> ConnectionPlan.of(s, SslPolicy.disabled()));
        assertEquals("user", e.setting().orElseThrow());
    }

    @Test
    void ofWhenPgpassPerHostThenEachHostItsOwnPassword() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "a:5432:*:u:S3ntA\nb:5433:*:u:S3ntB\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        ConnectionPlan p = plan("host=a,b,c port=5432,5433,5434 user=u");
        assertEquals("S3ntA", p.hosts().get(0).password().orElseThrow().reveal());
        assertEquals("S3ntB", p.hosts().get(1).password().orElseThrow().reveal());
        assertEquals(Optional.empty(), p.hosts().get(2).password());
        assertEquals(false, p.toString().contains("S3nt"));
    }

    @Test
    void refusalWhenVerifyFullWithOnlyHostaddrThenHostNameRequired() throws Exception {
        Path ca = home.resolve("ca.pem");
        Files.writeString(ca, "");
        ConnectionPlan p = plan("hostaddr=127.0.0.1 sslmode=verify-full sslrootcert=" + ca);
        assertEquals(Optional.of(ConnectionPlan.HOST_NAME_REQUIRED), p.hosts().get(0).refusal(Attempt.TLS));
        ConnectionPlan named = plan("host=db hostaddr=127.0.0.1 sslmode=verify-full sslrootcert=" + ca);
        assertEquals(Optional.empty(), named.hosts().get(0).refusal(Attempt.TLS));
    }

    @Test
    void orderWhenRandomWithSeedThenDeterministicShuffleOfAllHosts() {
        ConnectionPlan p = plan("host=a,b,c,d,e load_balance_hosts=random");
        List<String> first = p.order(new Random(7)).stream().map(h -> h.endpoint().host()).toList();
        assertEquals(first, p.order(new Random(7)).stream().map(h -> h.endpoint().host()).toList());
        assertEquals(List.of("a", "b", "c", "d", "e"), first.stream().sorted().toList());
        assertNotEquals(List.of("a", "b", "c", "d", "e"), first); // seed 7 does move something
        assertEquals(List.of("a", "b", "c"), plan("host=a,b,c").order(new Random(7)).stream()
                .map(h -> h.endpoint().host()).toList());
    }

    @Test
    void seededRandomWhenLoadBalanceSeedThenSameOrderEveryConnection() {
        ConnectionPlan p = plan("host=a,b,c,d,e load_balance_hosts=random pgssl.load_balance_seed=7");
        List<String> first = p.order(p.seededRandom().orElseThrow()).stream().map(h -> h.endpoint().host()).toList();
        assertEquals(p.order(new Random(7)).stream().map(h -> h.endpoint().host()).toList(), first);
        assertEquals(first, p.order(p.seededRandom().orElseThrow()).stream().map(h -> h.endpoint().host()).toList());
        assertEquals(Optional.empty(), plan("host=a,b load_balance_hosts=random").seededRandom().map(r -> "seeded"));
        PgSslException e = assertThrows(PgSslException.class, () -> plan("host=a pgssl.load_balance_seed=x"));
        assertEquals("pgssl.load_balance_seed: invalid integer value \"x\"; give a whole number, or remove it for a new"
                + " random order per connection", e.getMessage());
    }

    @Test
    void withCredentialsWhenGivenThenEveryHostUsesThem() {
        ConnectionPlan p = plan("host=a,b user=u password=x").withCredentials("v", null);
        assertEquals("v", p.user());
        assertEquals(Optional.empty(), p.hosts().get(1).password());
    }

    static Stream<Arguments> propertiesPrecedence() {
        return Stream.of(
                // name, url, properties, expected sslmode
                arguments("ssl=true without a mode is verify-full", "host=db", Map.of("ssl", "true"), "verify-full"),
                arguments("empty ssl is verify-full", "host=db", Map.of("ssl", ""), "verify-full"),
                arguments("ssl=true with sslmode keeps the mode", "host=db", Map.of("ssl", "true", "sslmode", "require"), "require"),
                arguments("sslMode in camel case", "host=db", Map.of("sslMode", "verify-ca"), "verify-ca"),
                arguments("SSLMODE upper case, value any case", "host=db", Map.of("SSLMODE", "VERIFY-FULL"), "verify-full"),
                arguments("the URL wins over Properties", "host=db sslmode=require", Map.of("sslmode", "disable"), "require"),
                arguments("the URL's mode wins over ssl=true", "host=db sslmode=require", Map.of("ssl", "true"), "require"),
                arguments("Properties win over the environment", "host=db", Map.of("sslmode", "require"), "require"),
                arguments("ssl=false is the default", "host=db", Map.of("ssl", "false"), "prefer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("propertiesPrecedence")
    void settingsWhenPgjdbcPropertiesThenOnePrecedence(String name, String url, Map<String, String> props, String mode) {
        Properties p = new Properties();
        p.putAll(props);
        PgEnvironment e = env().withVariable("PGSSLMODE", name.contains("environment") ? "disable" : null);
        ConnectionSettings s = PgSsl.settings(url, DriverInputs.pgjdbcProperties(p), e);
        assertEquals(Optional.of(mode), s.get("sslmode"));
    }

    @Test
    void settingsWhenUnknownSslPropertyThenDidYouMean() {
        Properties p = new Properties();
        p.setProperty("sslrootcrt", "/x");
        PgSslException e = assertThrows(PgSslException.class,
                () -> PgSsl.settings("host=db", DriverInputs.pgjdbcProperties(p), env()));
        assertEquals("invalid connection option \"sslrootcrt\" in the driver properties; did you mean \"sslrootcert\"?",
                e.getMessage());
    }

    @Test
    void settingsWhenStrategyPropertyWouldWeakenUrlVerifyFullThenRefused() throws Exception {
        Path ca = home.resolve("ca.pem");
        Files.writeString(ca, "");
        Properties p = new Properties();
        p.setProperty("pgssl.strategy", "no-verify");
        PgSslException e = assertThrows(PgSslException.class, () -> PgSsl.settings(
                "host=db sslmode=verify-full sslrootcert=" + ca, DriverInputs.pgjdbcProperties(p), env()));
        assertEquals("pgssl.strategy=no-verify given with the driver's properties would weaken sslmode=verify-full"
                + " written in the connection string; remove pgssl.strategy from the properties, or write it in the"
                + " connection string", e.getMessage());
        // Without an explicit verify-* in the string, the strategy applies.
        assertEquals(Optional.of("no-verify"), PgSsl.settings("host=db", DriverInputs.pgjdbcProperties(p), env())
                .pgsslOptions().entrySet().stream().filter(x -> x.getKey().equals("strategy")).map(Map.Entry::getValue).findFirst());
    }
}
