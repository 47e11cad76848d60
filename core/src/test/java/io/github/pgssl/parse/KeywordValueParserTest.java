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

/** libpq's keyword/value grammar (spec §3.1). */
class KeywordValueParserTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("two pairs", "host=h port=5432", "host=h|port=5432"),
                arguments("blanks around '='", "host = h   port =5432", "host=h|port=5432"),
                arguments("tab, newline, CR, FF, VT separate", "host=h\tport=1\ndbname=d\ruser=u\fsslmode=require\u000Boptions=x",
                        "host=h|port=1|dbname=d|user=u|sslmode=require|options=x"),
                arguments("quoted value with blanks", "application_name='a b c'", "application_name=a b c"),
                arguments("quoted value with \\' and \\\\", "application_name='it\\'s a \\\\ test'", "application_name=it's a \\ test"),
                arguments("backslash escapes in an unquoted value", "application_name=a\\ b\\\\c", "application_name=a b\\c"),
                arguments("quote inside an unquoted value is literal", "application_name=b'c", "application_name=b'c"),
                arguments("empty quoted value", "host='' port=1", "host=|port=1"),
                arguments("empty value at the end", "host=", "host="),
                arguments("blank after '=' is skipped, so the next word is the value", "host= port=5", "host=port=5"),
                arguments("last occurrence wins", "sslmode=disable sslmode=require", "sslmode=require"),
                arguments("requiressl=1 means require", "requiressl=1", "sslmode=require"),
                arguments("requiressl=yes means prefer", "requiressl=yes", "sslmode=prefer"),
                arguments("sslmode value not validated here", "sslmode=Require", "sslmode=Require"),
                arguments("password is a secret but parsed", "user=u password='p w'", "user=u|password=p w"),
                arguments("pgssl option", "host=h pgssl.pin=sha256/abc", "host=h|pgssl:pin=sha256/abc"),
                arguments("empty string", "", ""),
                arguments("only blanks", "  \t ", ""),
                arguments("glued pairs after a quote", "host='h'port=1", "host=h|port=1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parseWhenValidThenKeywords(String name, String input, String expected) {
        assertEquals(Flat.expected(expected), Flat.of(PgSsl.parse(input)));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("a single word", "host", "missing \"=\" after \"host\" in connection info string"),
                arguments("a word then a value", "host localhost", "missing \"=\" after \"host\" in connection info string"),
                arguments("SQL-style doubled quote", "application_name='it''s'", "missing \"=\" after \"'s'\" in connection info string"),
                arguments("postgre:// is not a URI", "postgre://x", "missing \"=\" after \"postgre://x\" in connection info string"),
                arguments("rest of an unquoted password is masked", "password=my secret",
                        "missing \"=\" after \"******\" in connection info string"),
                arguments("rest of a quoted password is masked", "password='it''s'",
                        "missing \"=\" after \"******\" in connection info string"),
                arguments("unterminated quote", "application_name='abc", "unterminated quoted string in connection info string"),
                arguments("unterminated quote after backslash", "application_name='abc\\", "unterminated quoted string in connection info string"),
                arguments("unknown keyword", "foo=bar", "invalid connection option \"foo\""),
                arguments("keywords are case-sensitive", "Host=x", "invalid connection option \"Host\""),
                arguments("empty keyword", "=x", "invalid connection option \"\""),
                arguments("ssl=true is URI-only", "ssl=true", "invalid connection option \"ssl\"; did you mean \"sslmode\"?"),
                arguments("misspelt TLS key", "sslrootCert=/ca.pem", "invalid connection option \"sslrootCert\"; did you mean \"sslrootcert\"?"),
                arguments("misspelt TLS key, upper case", "SSLMODE=require", "invalid connection option \"SSLMODE\"; did you mean \"sslmode\"?"),
                arguments("misspelt TLS key, sslcert_file", "sslcert_file=/c", "invalid connection option \"sslcert_file\"; did you mean \"sslcert\"?"),
                arguments("servicefile is PG 19", "servicefile=/x", "invalid connection option \"servicefile\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void parseWhenMalformedThenLibpqError(String name, String input, String message) {
        ConnectionStringException e = assertThrows(ConnectionStringException.class, () -> PgSsl.parse(input));
        assertEquals(message, e.getMessage());
    }
}
