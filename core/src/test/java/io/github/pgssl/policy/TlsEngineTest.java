package io.github.pgssl.policy;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsEngine;
import io.github.pgssl.TlsEngineUnavailableException;
import io.github.pgssl.TlsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@code pgssl.tls_engine} / {@code PGSSL_TLS_ENGINE}: parsing, precedence, and the errors for a missing engine. */
class TlsEngineTest {

    static PgEnvironment env(String engine) {
        return engine == null ? PgEnvironment.empty() : PgEnvironment.of(Map.of("PGSSL_TLS_ENGINE", engine), null);
    }

    static TlsEngine engineOf(String input, PgEnvironment env) {
        ConnectionSettings s = PgSsl.settings(input, env);
        return ((SslPolicy.Tls) PgSsl.policy(s, env)).options().engine();
    }

    static Stream<Arguments> chosen() {
        return Stream.of(
                arguments("default is jdk", "host=h sslmode=require", null, TlsEngine.JDK),
                arguments("keyword/value option", "host=h sslmode=require pgssl.tls_engine=conscrypt", null, TlsEngine.CONSCRYPT),
                arguments("URI option", "postgresql://h/db?sslmode=require&pgssl.tls_engine=openssl", null, TlsEngine.OPENSSL),
                arguments("JDBC URL option", "jdbc:postgresql://h/db?sslmode=require&pgssl.tls_engine=auto", null, TlsEngine.AUTO),
                arguments("case-insensitive", "host=h sslmode=require pgssl.tls_engine=Conscrypt", null, TlsEngine.CONSCRYPT),
                arguments("environment alone", "host=h sslmode=require", "openssl", TlsEngine.OPENSSL),
                arguments("explicit wins over environment", "host=h sslmode=require pgssl.tls_engine=jdk", "conscrypt", TlsEngine.JDK),
                arguments("empty explicit falls to environment", "host=h sslmode=require pgssl.tls_engine=", "auto", TlsEngine.AUTO),
                arguments("strategies read it too", "host=h pgssl.strategy=no-verify pgssl.tls_engine=auto", null, TlsEngine.AUTO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chosen")
    void engineWhenSetThenExplicitBeforeEnvironmentBeforeJdk(String name, String input, String envEngine, TlsEngine expected) {
        assertEquals(expected, engineOf(input, env(envEngine)));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("in the string", "host=h sslmode=require pgssl.tls_engine=boring", null, "pgssl.tls_engine",
                        "pgssl.tls_engine: invalid TLS engine \"boring\"; use jdk, conscrypt, openssl or auto"),
                arguments("in the environment", "host=h sslmode=require", "jsse", "PGSSL_TLS_ENGINE",
                        "PGSSL_TLS_ENGINE: invalid TLS engine \"jsse\"; use jdk, conscrypt, openssl or auto"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void engineWhenUnknownThenErrorNamingTheSettingAndTheValues(String name, String input, String envEngine, String setting,
                                                                String message) {
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> engineOf(input, env(envEngine)));
        assertEquals(message, e.getMessage());
        assertEquals(setting, e.setting().orElseThrow());
    }

    @Test
    void optionsWhenEngineDiffersThenNotEqualAndNamedInToString() {
        TlsOptions jdk = TlsOptions.defaults();
        TlsOptions conscrypt = jdk.withEngine(TlsEngine.CONSCRYPT);
        assertNotEquals(jdk, conscrypt);
        assertEquals(conscrypt, TlsOptions.defaults().withEngine(TlsEngine.CONSCRYPT));
        assertEquals(conscrypt.hashCode(), TlsOptions.defaults().withEngine(TlsEngine.CONSCRYPT).hashCode());
        assertTrue(conscrypt.toString().endsWith(", engine=conscrypt]"), conscrypt.toString());
        assertFalse(jdk.toString().contains("engine="), jdk.toString());
        assertEquals(TlsEngine.CONSCRYPT, conscrypt.withSni(false).engine());
    }

    @Test
    void forDriverWhenEngineMissingThenTypedErrorNamingTheArtifact() {
        // netty-tcnative is not on core's test class path
        TlsEngineUnavailableException e = assertThrows(TlsEngineUnavailableException.class,
                () -> TlsEngine.OPENSSL.forDriver("r2dbc-postgresql", List.of(TlsEngine.OPENSSL), TlsOptions.defaults()));
        assertEquals("pgssl.tls_engine: the openssl engine is not on the class path; add "
                + "io.netty:netty-tcnative-boringssl-static:2.0.84.Final (classifier linux-x86_64), or set pgssl.tls_engine=jdk",
                e.getMessage());
        assertEquals(TlsEngine.OPENSSL, e.engine());
        assertEquals("io.netty:netty-tcnative-boringssl-static:2.0.84.Final (classifier linux-x86_64)", e.artifact().orElseThrow());
        assertEquals("pgssl.tls_engine", e.setting().orElseThrow());
    }

    @Test
    void forDriverWhenDriverCannotUseTheEngineThenErrorNamingUsableOnes() {
        TlsEngineUnavailableException e = assertThrows(TlsEngineUnavailableException.class,
                () -> TlsEngine.OPENSSL.forDriver("pgjdbc", List.of(TlsEngine.CONSCRYPT), TlsOptions.defaults()));
        assertEquals("pgssl.tls_engine: pgjdbc cannot use the openssl engine; use conscrypt, auto or jdk", e.getMessage());
    }

    @Test
    void forDriverWhenAutoThenFirstAvailableElseJdk() {
        assertEquals(TlsEngine.CONSCRYPT, TlsEngine.AUTO.forDriver("r2dbc-postgresql", List.of(TlsEngine.OPENSSL, TlsEngine.CONSCRYPT), TlsOptions.defaults()));
        assertEquals(TlsEngine.JDK, TlsEngine.AUTO.forDriver("vertx-pg-client", List.of(TlsEngine.OPENSSL), TlsOptions.defaults()));
        assertEquals(TlsEngine.JDK, TlsEngine.JDK.forDriver("pgjdbc", List.of(TlsEngine.CONSCRYPT), TlsOptions.defaults()));
        assertEquals(TlsEngine.CONSCRYPT, TlsEngine.CONSCRYPT.forDriver("pgjdbc", List.of(TlsEngine.CONSCRYPT), TlsOptions.defaults()));
    }

    @Test
    void artifactWhenNativeEngineThenMavenCoordinates() {
        assertEquals("org.conscrypt:conscrypt-openjdk-uber:2.5.2", TlsEngine.CONSCRYPT.artifact().orElseThrow());
        assertTrue(TlsEngine.JDK.artifact().isEmpty());
        assertTrue(TlsEngine.AUTO.artifact().isEmpty());
        assertTrue(TlsEngine.JDK.isAvailable());
    }
}
