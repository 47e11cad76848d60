package io.github.pgssl.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsAlertsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "JDK unknown_ca (server does not trust the client's CA)|Received fatal alert: unknown_ca|tlsv1 alert unknown ca",
        "JDK certificate_revoked (server's CRL)|Received fatal alert: certificate_revoked|sslv3 alert certificate revoked",
        "JDK certificate_required (TLS 1.3)|Received fatal alert: certificate_required|tlsv13 alert certificate required",
        "JDK protocol_version|Received fatal alert: protocol_version|tlsv1 alert protocol version",
        "BoringSSL unknown ca|error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA|tlsv1 alert unknown ca",
        "BoringSSL revoked|error:10000414:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_REVOKED|sslv3 alert certificate revoked",
        "Conscrypt with BoringSSL's line|Read error: ssl=0x7f: Failure in SSL library, usually a protocol error error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA (external/boringssl/src/ssl/tls_record.cc:592 0x7f:0x00000000)|tlsv1 alert unknown ca",
        "JDK unknown alert name: unchanged|Received fatal alert: something_new|Received fatal alert: something_new",
        "Conscrypt: names no alert, unchanged|Read error: ssl=0x7f: Failure in SSL library, usually a protocol error|Read error: ssl=0x7f: Failure in SSL library, usually a protocol error",
        "not an alert: unchanged|PKIX path building failed|PKIX path building failed",
    })
    void inLibpqWordsWhenEngineMessageThenOpenSslReason(String row, String engineMessage, String expected) {
        assertEquals(expected, TlsAlerts.inLibpqWords(engineMessage));
    }

    @org.junit.jupiter.api.Test
    void inLibpqWordsWhenNullThenNull() {
        assertNull(TlsAlerts.inLibpqWords(null));
    }
}
