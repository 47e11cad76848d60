package io.github.pgssl.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgssl.TlsVerificationException;
import io.github.pgssl.internal.tls.HostnameMatcher;

import java.security.cert.X509Certificate;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** libpq's verify-full host-name rules (spec libpq.md §1.4), one row per case, on generated certificates. */
class HostnameMatcherTest {
    static TestPki.Held ca;

    @BeforeAll
    static void pki() {
        ca = TestPki.ca("Hostname CA").selfSigned();
    }

    static X509Certificate cert(TestPki.Builder b) {
        return b.signedBy(ca).certificate();
    }

    static Stream<Arguments> matching() {
        return Stream.of(
                Arguments.of("dNSName exact", cert(TestPki.leaf("x").dns("db.example.com")), "db.example.com"),
                Arguments.of("dNSName case-insensitive", cert(TestPki.leaf("x").dns("DB.Example.COM")), "db.example.com"),
                Arguments.of("wildcard covers one label", cert(TestPki.leaf("x").dns("*.wildcard.x")), "foo.wildcard.x"),
                Arguments.of("wildcard case-insensitive", cert(TestPki.leaf("x").dns("*.WILDCARD.x")), "Foo.wildcard.X"),
                Arguments.of("second SAN matches", cert(TestPki.leaf("x").dns("a.test", "b.test")), "b.test"),
                Arguments.of("CN when no SAN", cert(TestPki.leaf("cn.example.com")), "cn.example.com"),
                Arguments.of("CN when only IP SANs and DNS host", cert(TestPki.leaf("cn.example.com").ip("192.0.2.1")), "cn.example.com"),
                Arguments.of("CN wildcard", cert(TestPki.leaf("*.cn.test")), "a.cn.test"),
                Arguments.of("iPAddress SAN", cert(TestPki.leaf("x").ip("192.0.2.1")), "192.0.2.1"),
                Arguments.of("inet_aton zero-padded octal form", cert(TestPki.leaf("x").ip("192.0.2.1")), "192.000.002.001"),
                Arguments.of("inet_aton short form", cert(TestPki.leaf("x").ip("10.0.0.1")), "10.1"),
                Arguments.of("inet_aton hex form", cert(TestPki.leaf("x").ip("10.0.0.1")), "0x0a.0.0.1"),
                Arguments.of("IP host string-matches a dNSName", cert(TestPki.leaf("x").dns("192.0.2.1")), "192.0.2.1"),
                Arguments.of("IP host uses CN when no iPAddress SAN, even with dNSNames",
                        cert(TestPki.leaf("192.0.2.1").dns("db.example.com")), "192.0.2.1"),
                Arguments.of("IPv6 iPAddress SAN", cert(TestPki.leaf("x").ip("2001:db8::1")), "2001:db8::1"),
                Arguments.of("IPv6 host other spelling", cert(TestPki.leaf("x").ip("2001:db8::1")), "2001:DB8:0:0:0:0:0:1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matching")
    void verifyWhenCertificateNamesHostThenAccepted(String name, X509Certificate cert, String host) {
        assertDoesNotThrow(() -> HostnameMatcher.verify(cert, host));
    }

    static Stream<Arguments> refusing() {
        return Stream.of(
                Arguments.of("other DNS name", cert(TestPki.leaf("x").dns("db.example.com")), "other.example.com",
                        "server certificate for \"db.example.com\" does not match host name \"other.example.com\""),
                Arguments.of("wildcard does not match the bare domain", cert(TestPki.leaf("x").dns("*.wildcard.x")), "wildcard.x",
                        "server certificate for \"*.wildcard.x\" does not match host name \"wildcard.x\""),
                Arguments.of("wildcard does not cover two labels", cert(TestPki.leaf("x").dns("*.wildcard.x")), "a.b.wildcard.x",
                        "server certificate for \"*.wildcard.x\" does not match host name \"a.b.wildcard.x\""),
                Arguments.of("only a leading *. is a wildcard", cert(TestPki.leaf("x").dns("f*.wildcard.x")), "foo.wildcard.x",
                        "server certificate for \"f*.wildcard.x\" does not match host name \"foo.wildcard.x\""),
                Arguments.of("CN ignored when a dNSName exists", cert(TestPki.leaf("db.example.com").dns("other.example.com")),
                        "db.example.com",
                        "server certificate for \"other.example.com\" does not match host name \"db.example.com\""),
                Arguments.of("N other names, plural", cert(TestPki.leaf("x").dns("a.test", "b.test", "c.test")), "d.test",
                        "server certificate for \"a.test\" (and 2 other names) does not match host name \"d.test\""),
                Arguments.of("DNS host never matches an iPAddress SAN; CN then examined",
                        cert(TestPki.leaf("cn.test").ip("192.0.2.1")), "db.test",
                        "server certificate for \"192.0.2.1\" (and 1 other name) does not match host name \"db.test\""),
                Arguments.of("IP host: CN ignored when an iPAddress SAN exists", cert(TestPki.leaf("192.0.2.7").ip("192.0.2.1")),
                        "192.0.2.7", "server certificate for \"192.0.2.1\" does not match host name \"192.0.2.7\""),
                Arguments.of("IP CN is string-compared, not parsed", cert(TestPki.leaf("192.0.2.1")), "192.000.002.001",
                        "server certificate for \"192.0.2.1\" does not match host name \"192.000.002.001\""),
                Arguments.of("IPv4 host against IPv6 SAN", cert(TestPki.leaf("x").ip("2001:db8::1")), "192.0.2.1",
                        "server certificate for \"2001:db8::1\" does not match host name \"192.0.2.1\""),
                Arguments.of("U+212A KELVIN SIGN in the CN is not k", cert(TestPki.leaf("\u212Aey.example.com")),
                        "key.example.com", "server certificate for \"\u212Aey.example.com\" does not match host name \"key.example.com\""),
                Arguments.of("U+017F LONG S in the CN is not s", cert(TestPki.leaf("\u017Fecure.example.com")),
                        "secure.example.com", "server certificate for \"\u017Fecure.example.com\" does not match host name \"secure.example.com\""),
                Arguments.of("U+0131 DOTLESS I in the CN is not i", cert(TestPki.leaf("db.\u0131nternal.test")),
                        "db.internal.test", "server certificate for \"db.\u0131nternal.test\" does not match host name \"db.internal.test\""),
                Arguments.of("U+0130 in a CN wildcard's domain is not I", cert(TestPki.leaf("*.\u0130nternal.test")),
                        "a.internal.test", "server certificate for \"*.\u0130nternal.test\" does not match host name \"a.internal.test\""),
                Arguments.of("U+212A KELVIN SIGN in a CN wildcard's domain is not k", cert(TestPki.leaf("*.\u212Aey.test")),
                        "a.key.test", "server certificate for \"*.\u212Aey.test\" does not match host name \"a.key.test\""),
                Arguments.of("no names at all", cert(TestPki.leaf("x").noCommonName()), "db.test",
                        "could not get server's host name from server certificate"),
                Arguments.of("empty host", cert(TestPki.leaf("x").dns("db.test")), "",
                        "host name must be specified for a verified SSL connection"),
                Arguments.of("no host", cert(TestPki.leaf("x").dns("db.test")), null,
                        "host name must be specified for a verified SSL connection"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusing")
    void verifyWhenCertificateDoesNotNameHostThenLibpqMessage(String name, X509Certificate cert, String host, String message) {
        TlsVerificationException e = assertThrows(TlsVerificationException.class, () -> HostnameMatcher.verify(cert, host));
        assertEquals(TlsVerificationException.Reason.HOSTNAME_MISMATCH, e.reason());
        assertEquals(message, e.getMessage());
    }

    /** A dNSName is an IA5String: it cannot carry these characters, so the CN is where they reach the matcher. */
    @Test
    void verifyWhenOnlyAsciiLettersDifferInCaseThenAccepted() {
        assertDoesNotThrow(() -> HostnameMatcher.verify(cert(TestPki.leaf("KEY.Example.COM")), "key.example.com"));
        assertDoesNotThrow(() -> HostnameMatcher.verify(cert(TestPki.leaf("*.KEY.test")), "A.key.TEST"));
    }

    @Test
    void parseIpWhenInetAtonFormsThenBytesElseNull() {
        assertEquals("[-64, 0, 2, 1]", java.util.Arrays.toString(HostnameMatcher.parseIp("192.000.002.001")));
        assertEquals("[127, 0, 0, 1]", java.util.Arrays.toString(HostnameMatcher.parseIp("2130706433")));
        assertEquals("[127, 0, 0, 1]", java.util.Arrays.toString(HostnameMatcher.parseIp("127.1")));
        assertEquals(null, HostnameMatcher.parseIp("192.0.2.256"));
        assertEquals(null, HostnameMatcher.parseIp("08.1.1.1"));
        assertEquals(null, HostnameMatcher.parseIp("db.example.com"));
        assertEquals(16, HostnameMatcher.parseIp("::1").length);
    }
}
