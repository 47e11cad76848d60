package io.github.pgssl.parse;

import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgSsl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** libpq's URI grammar (spec §3.2, §3.3): every rule and every error text. */
class LibpqUriParserTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("host, port, dbname", "postgresql://h:5433/db", "host=h|port=5433|dbname=db"),
                arguments("postgres:// prefix", "postgres://h/db", "host=h|dbname=db"),
                arguments("nothing after the prefix", "postgresql://", ""),
                arguments("user and password", "postgresql://u:pw@h/db", "user=u|password=pw|host=h|dbname=db"),
                arguments("userinfo percent-encoded (@ : / %)", "postgresql://us%65r:p%40ss%3Aw%2Frd%25x@h",
                        "user=user|password=p@ss:w/rd%x|host=h"),
                arguments("empty user is not stored", "postgresql://@h", "host=h"),
                arguments("empty password is not stored", "postgresql://u:@h", "user=u|host=h"),
                arguments("password may contain ':'", "postgresql://u:a:b@h", "user=u|password=a:b|host=h"),
                arguments("first '@' before '/' ends userinfo, even across '?'", "postgresql://host?user=a@b",
                        "user=host?user=a|host=b"),
                arguments("several hosts, positional ports", "postgresql://h1,h2:5433/db",
                        "host=h1,h2|port=,5433|dbname=db"),
                arguments("several hosts, no port: port list of empties", "postgresql://h1,h2/", "host=h1,h2|port=,"),
                arguments("three hosts, mixed ports", "postgresql://a:1,b,c:3", "host=a,b,c|port=1,,3"),
                arguments("trailing comma keeps an empty host", "postgresql://h1,/db", "host=h1,|port=,|dbname=db"),
                arguments("IPv6 with port", "postgresql://[2001:db8::1]:5433/db", "host=2001:db8::1|port=5433|dbname=db"),
                arguments("IPv6 content is not validated", "postgresql://[200z:db8::1234]/", "host=200z:db8::1234"),
                arguments("IPv6 then another host", "postgresql://[::1],h2:5/", "host=::1,h2|port=,5"),
                arguments("IPv6 followed by query", "postgresql://[::1]?sslmode=require", "host=::1|sslmode=require"),
                arguments("Unix socket as percent-encoded host", "postgresql://%2Fvar%2Flib%2Fpostgresql/dbname",
                        "host=/var/lib/postgresql|dbname=dbname"),
                arguments("Unix socket as ?host=", "postgresql:///db?host=/tmp", "host=/tmp|dbname=db"),
                arguments("empty host is not stored, port is", "postgresql://:54317/db", "port=54317|dbname=db"),
                arguments("empty dbname is not stored", "postgresql://h/", "host=h"),
                arguments("dbname runs to '?' and may hold '/'", "postgresql://h/a/b", "host=h|dbname=a/b"),
                arguments("dbname percent-decoded", "postgresql://h/my%2Fdb", "host=h|dbname=my/db"),
                arguments("empty query is fine", "postgresql://h/db?", "host=h|dbname=db"),
                arguments("trailing '&' is fine", "postgresql://h/db?sslmode=require&", "host=h|dbname=db|sslmode=require"),
                arguments("any keyword as query parameter", "postgresql:///?host=h&port=1&dbname=d&user=u&password=p&sslrootcert=/ca.pem",
                        "host=h|port=1|dbname=d|user=u|password=p|sslrootcert=/ca.pem"),
                arguments("query overrides the authority (last wins)", "postgresql://h1/db?host=h2", "host=h2|dbname=db"),
                arguments("ssl=true means sslmode=require", "postgresql://h?ssl=true", "host=h|sslmode=require"),
                arguments("ssl=true then sslmode: last wins", "postgresql://h?ssl=true&sslmode=disable", "host=h|sslmode=disable"),
                arguments("sslmode then ssl=true: last wins", "postgresql://h?sslmode=disable&ssl=true", "host=h|sslmode=require"),
                arguments("ssl=tru%65 is decoded before the alias", "postgresql://h?ssl=tru%65", "host=h|sslmode=require"),
                arguments("requiressl=1 means require", "postgresql://h?requiressl=1", "host=h|sslmode=require"),
                arguments("requiressl=0 means prefer", "postgresql://h?requiressl=0", "host=h|sslmode=prefer"),
                arguments("key percent-decoded", "postgresql://h?u%73er=x", "host=h|user=x"),
                arguments("hex digits in either case", "postgresql://h?application_name=%4a%4A", "host=h|application_name=JJ"),
                arguments("'+' is not a space", "postgresql://h?application_name=a+b", "host=h|application_name=a+b"),
                arguments("UTF-8 percent-encoded", "postgresql://h?application_name=%C3%A9t%C3%A9", "host=h|application_name=été"),
                arguments("spaces around a host trimmed (PG 18)", "postgresql:// 127.0.0.1", "host=127.0.0.1"),
                arguments("spaces around a keyword and value trimmed (PG 18)", "postgresql://h?  user = x ", "host=h|user=x"),
                arguments("percent-encoded inner space kept (PG 18)", "postgresql://h?application_name=a%20b",
                        "host=h|application_name=a b"),
                arguments("sslmode value not validated here", "postgresql://h?sslmode=Require", "host=h|sslmode=Require"),
                arguments("empty value is stored", "postgresql://h?sslrootcert=", "host=h|sslrootcert="),
                arguments("pgssl option", "postgresql://h?pgssl.strategy=pinned&pgssl.pin=sha256%2Fabc",
                        "host=h|pgssl:strategy=pinned|pgssl:pin=sha256/abc"),
                arguments("PG 18 keywords accepted", "postgresql://h?min_protocol_version=3.2&sslkeylogfile=/k",
                        "host=h|min_protocol_version=3.2|sslkeylogfile=/k"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parseWhenValidThenKeywordsAsLibpqHoldsThem(String name, String input, String expected) {
        assertEquals(Flat.expected(expected), Flat.of(PgSsl.parse(input)));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("bad hex", "postgresql://h/db?application_name=a%zz", "invalid percent-encoded token: \"a%zz\""),
                arguments("inner space (PG 18)", "postgresql://h?application_name=a b",
                        "unexpected spaces found in \"a b\", use percent-encoded spaces (%20) instead"),
                arguments("inner space in a host (PG 18)", "postgresql://my host/db",
                        "unexpected spaces found in \"my host\", use percent-encoded spaces (%20) instead"),
                arguments("truncated escape", "postgresql://h?application_name=%1", "invalid percent-encoded token: \"%1\""),
                arguments("lone percent in dbname", "postgresql://h/%", "invalid percent-encoded token: \"%\""),
                arguments("bad escape in host list quotes the whole list", "postgresql://h%g1,h2/",
                        "invalid percent-encoded token: \"h%g1,h2\""),
                arguments("%00 forbidden", "postgresql://h?application_name=a%00", "forbidden value %00 in percent-encoded value: \"a%00\""),
                arguments("bad escape in password is masked", "postgresql://u:p%zz@h", "invalid percent-encoded token: \"******\""),
                arguments("bad escape in ?password is masked", "postgresql://h?password=%zz", "invalid percent-encoded token: \"******\""),
                arguments("unknown parameter", "postgresql://h?uzer=x", "invalid URI query parameter: \"uzer\""),
                arguments("unknown parameter foo", "postgresql://h?foo=bar", "invalid URI query parameter: \"foo\""),
                arguments("servicefile is PG 19", "postgresql://h?servicefile=/x", "invalid URI query parameter: \"servicefile\""),
                arguments("ssl=false is not an alias", "postgresql://h?ssl=false",
                        "invalid URI query parameter: \"ssl\"; did you mean \"sslmode\"?"),
                arguments("ssl=TRUE is not an alias", "postgresql://h?ssl=TRUE",
                        "invalid URI query parameter: \"ssl\"; did you mean \"sslmode\"?"),
                arguments("misspelt TLS key: case", "postgresql://h?sslrootCert=/ca.pem",
                        "invalid URI query parameter: \"sslrootCert\"; did you mean \"sslrootcert\"?"),
                arguments("misspelt TLS key: underscore", "postgresql://h?ssl_mode=verify-full",
                        "invalid URI query parameter: \"ssl_mode\"; did you mean \"sslmode\"?"),
                arguments("misspelt TLS key: upper case", "postgresql://h?SSLMODE=verify-full",
                        "invalid URI query parameter: \"SSLMODE\"; did you mean \"sslmode\"?"),
                arguments("misspelt TLS key: sslrootcerts", "postgresql://h?sslrootcerts=/ca",
                        "invalid URI query parameter: \"sslrootcerts\"; did you mean \"sslrootcert\"?"),
                arguments("missing '='", "postgresql://h?zzz", "missing key/value separator \"=\" in URI query parameter: \"zzz\""),
                arguments("empty parameter", "postgresql://h/?&a=b", "missing key/value separator \"=\" in URI query parameter: \"\""),
                arguments("extra '='", "postgresql://h?key=key=value", "extra key/value separator \"=\" in URI query parameter: \"key\""),
                arguments("empty key", "postgresql://h/?=x", "invalid URI query parameter: \"\""),
                arguments("bare pgssl. prefix", "postgresql://h?pgssl.=x", "invalid URI query parameter: \"pgssl.\""),
                arguments("pgssl option name with odd characters", "postgresql://h?pgssl.a%2Fb=x", "invalid URI query parameter: \"pgssl.a/b\""),
                arguments("empty IPv6", "postgresql://[]/", "IPv6 host address may not be empty in URI: \"postgresql://[]/\""),
                arguments("unterminated IPv6", "postgresql://[::1",
                        "end of string reached when looking for matching \"]\" in IPv6 host address in URI: \"postgresql://[::1\""),
                arguments("bad character after ']'", "postgresql://[::1]z/",
                        "unexpected character \"z\" at position 19 in URI (expected \":\" or \"/\"): \"postgresql://[::1]z/\""),
                arguments("IPv6 error quotes the URI redacted", "postgresql://u:secret@[]/",
                        "IPv6 host address may not be empty in URI: \"postgresql://u:******@[]/\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void parseWhenMalformedThenLibpqError(String name, String input, String message) {
        ConnectionStringException e = assertThrows(ConnectionStringException.class, () -> PgSsl.parse(input));
        assertEquals(message, e.getMessage());
    }
}
