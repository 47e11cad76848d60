package io.github.pgssl.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** A NUL never acts as a separator, and NUL or unpaired surrogates give the typed parse error, never InvalidPathException. */
class InvalidCharactersTest {

    static Stream<Arguments> strings() {
        return Stream.of(
                arguments("NUL in a URI query would end it", "postgresql://h/db?sslmode=verify-full\0sslmode=disable",
                        "connection string: a NUL character at position 38; remove it", "postgresql://h/db?sslmode=verify-full"),
                arguments("NUL in keyword/value", "host=h sslmode=verify-full\0 sslmode=disable",
                        "connection string: a NUL character at position 27; remove it", "host=h sslmode=verify-full"),
                arguments("NUL in a JDBC URL", "jdbc:postgresql://h/db?sslmode=verify-full\0&sslmode=disable",
                        "connection string: a NUL character at position 43; remove it", "jdbc:postgresql://h/db?sslmode=verify-full"),
                arguments("NUL after a password is not shown", "host=h password=se\0cret",
                        "connection string: a NUL character at position 19; remove it", "host=h password=******"),
                arguments("unpaired high surrogate", "host=h sslrootcert=/ca\uD800.pem",
                        "connection string: an unpaired UTF-16 surrogate at position 23; remove it", "host=h sslrootcert=/ca"),
                arguments("unpaired low surrogate in a URI path setting", "postgresql://h/db?sslcert=/c\uDC00",
                        "connection string: an unpaired UTF-16 surrogate at position 29; remove it", "postgresql://h/db?sslcert=/c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strings")
    void parseWhenInvalidCharacterThenTypedError(String name, String input, String message, String redacted) {
        ConnectionStringException e = assertThrows(ConnectionStringException.class, () -> PgSsl.parse(input));
        assertEquals(message, e.getMessage());
        assertEquals(redacted, e.redactedInput());
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                arguments("sslrootcert", "/ca\0.pem", "sslrootcert: the path holds a NUL character at position 4; remove it"),
                arguments("sslrootcert", "/ca\uD800.pem", "sslrootcert: the path holds an unpaired UTF-16 surrogate at position 4; remove it"),
                arguments("sslcert", "/c\0", "sslcert: the path holds a NUL character at position 3; remove it"),
                arguments("sslcert", "/c\uDC00", "sslcert: the path holds an unpaired UTF-16 surrogate at position 3; remove it"));
    }

    /** Values set programmatically (or from the environment) skip the string check; the path check still holds. */
    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("paths")
    void policyWhenPathSettingHasInvalidCharacterThenTypedError(String setting, String value, String message) {
        ConnectionSettings s = PgSsl.parse("host=h sslmode=require").with(setting, value);
        ConnectionStringException e = assertThrows(ConnectionStringException.class,
                () -> PgSsl.policy(s, PgEnvironment.empty()));
        assertEquals(message, e.getMessage());
        assertEquals(setting, e.setting().orElseThrow());
    }

    @Test
    void settingsWhenPassfileFromEnvironmentHasNulThenTypedError() {
        PgEnvironment env = PgEnvironment.of(Map.of("PGPASSFILE", "/pgpass\0x"), null);
        ConnectionStringException e = assertThrows(ConnectionStringException.class, () -> PgSsl.settings("host=h user=u", env));
        assertEquals("passfile: the path holds a NUL character at position 8; remove it", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strings")
    void environmentWhenInvalidCharacterThenTypedError(String name, String input, String message, String redacted) {
        ConnectionStringException e = assertThrows(ConnectionStringException.class,
                () -> PgSsl.settings(input, PgEnvironment.empty()));
        assertEquals(message, e.getMessage());
    }
}
