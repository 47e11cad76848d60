package io.github.pgssl.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgSsl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** toRedactedUrl: a libpq URI with secrets masked that parses back to the same non-secret keywords. */
class RedactedUrlTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("user, password, host, port, db", "postgresql://u:pw@h:5433/db", "postgresql://u:******@h:5433/db"),
                arguments("several hosts with positional ports", "postgresql://h1,h2:5433/db", "postgresql://h1,h2:5433/db"),
                arguments("IPv6 host in brackets", "host=::1 port=5432", "postgresql://[::1]:5432"),
                arguments("socket directory percent-encoded", "host=/var/run/postgresql dbname=x", "postgresql://%2Fvar%2Frun%2Fpostgresql/x"),
                arguments("mismatched counts stay in the query", "host=a,b port=1,2,3", "postgresql://?host=a,b&port=1,2,3"),
                arguments("TLS parameters in the query", "postgresql://h?sslmode=verify-full&sslrootcert=/etc/ca.pem&sslpassword=x",
                        "postgresql://h?sslmode=verify-full&sslrootcert=/etc/ca.pem&sslpassword=******"),
                arguments("value needing escapes", "application_name='a b&c=d'", "postgresql://?application_name=a%20b%26c%3Dd"),
                arguments("password without user", "password=x host=h", "postgresql://:******@h"),
                arguments("pgssl options", "postgresql://h?pgssl.strategy=pinned", "postgresql://h?pgssl.strategy=pinned"),
                arguments("jdbc dialect renders as libpq URI", "jdbc:postgresql://h/db?ApplicationName=app&ssl=true",
                        "postgresql://h:5432/db?application_name=app&sslmode=verify-full"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void toRedactedUrlWhenSettingsThenMaskedLibpqUri(String name, String input, String expected) {
        ConnectionSettings s = PgSsl.parse(input);
        assertEquals(expected, s.toRedactedUrl());
        assertEquals(new TreeMap<>(s.keywords()), new TreeMap<>(PgSsl.parse(s.toRedactedUrl()).keywords()));
    }
}
