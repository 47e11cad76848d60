package io.github.pgssl.spi;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLS alert from the server in libpq's words. libpq prints OpenSSL's reason string after
 * {@code SSL error: } (for example {@code SSL error: tlsv1 alert unknown ca} when the server does
 * not trust the client certificate's issuer, or {@code sslv3 alert certificate revoked}); Java's
 * engines name the same alert differently: the JDK {@code Received fatal alert: unknown_ca},
 * netty-tcnative (BoringSSL) {@code error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA}.
 * Adapters pass an {@code SSLException}'s message through {@link #inLibpqWords(String)} so the
 * three drivers say what psql says. Conscrypt reports a received alert only as "Failure in SSL
 * library", which names no alert and is left as it is.
 */
public final class TlsAlerts {
    /** JDK alert names ({@code sun.security.ssl.Alert}) and OpenSSL's reason strings for them. */
    private static final Map<String, String> JDK = Map.ofEntries(
            Map.entry("unexpected_message", "sslv3 alert unexpected message"),
            Map.entry("bad_record_mac", "sslv3 alert bad record mac"),
            Map.entry("decryption_failed", "tlsv1 alert decryption failed"),
            Map.entry("record_overflow", "tlsv1 alert record overflow"),
            Map.entry("decompression_failure", "sslv3 alert decompression failure"),
            Map.entry("handshake_failure", "sslv3 alert handshake failure"),
            Map.entry("no_certificate", "sslv3 alert no certificate"),
            Map.entry("bad_certificate", "sslv3 alert bad certificate"),
            Map.entry("unsupported_certificate", "sslv3 alert unsupported certificate"),
            Map.entry("certificate_revoked", "sslv3 alert certificate revoked"),
            Map.entry("certificate_expired", "sslv3 alert certificate expired"),
            Map.entry("certificate_unknown", "sslv3 alert certificate unknown"),
            Map.entry("illegal_parameter", "sslv3 alert illegal parameter"),
            Map.entry("unknown_ca", "tlsv1 alert unknown ca"),
            Map.entry("access_denied", "tlsv1 alert access denied"),
            Map.entry("decode_error", "tlsv1 alert decode error"),
            Map.entry("decrypt_error", "tlsv1 alert decrypt error"),
            Map.entry("export_restriction", "tlsv1 alert export restriction"),
            Map.entry("protocol_version", "tlsv1 alert protocol version"),
            Map.entry("insufficient_security", "tlsv1 alert insufficient security"),
            Map.entry("internal_error", "tlsv1 alert internal error"),
            Map.entry("inappropriate_fallback", "tlsv1 alert inappropriate fallback"),
            Map.entry("user_canceled", "tlsv1 alert user cancelled"),
            Map.entry("no_renegotiation", "tlsv1 alert no renegotiation"),
            Map.entry("missing_extension", "tlsv13 alert missing extension"),
            Map.entry("unsupported_extension", "tlsv1 unsupported extension"),
            Map.entry("certificate_unobtainable", "tlsv1 certificate unobtainable"),
            Map.entry("unrecognized_name", "tlsv1 unrecognized name"),
            Map.entry("bad_certificate_status_response", "tlsv1 bad certificate status response"),
            Map.entry("bad_certificate_hash_value", "tlsv1 bad certificate hash value"),
            Map.entry("certificate_required", "tlsv13 alert certificate required"),
            Map.entry("no_application_protocol", "tlsv1 alert no application protocol"));

    private static final Pattern JDK_RECEIVED = Pattern.compile("^Received fatal alert: ([a-z_]+)$");
    /** BoringSSL / OpenSSL error strings, anywhere in the message: {@code error:<code>:SSL routines:<function>:<REASON>}. */
    private static final Pattern OPENSSL_REASON =
            Pattern.compile("error:[0-9A-Fa-f]+:SSL routines:[^:]*:((?:SSLV3|TLSV1|TLSV13)_[A-Z_]+)");

    private TlsAlerts() {
    }

    /**
     * The message libpq would print for an engine's TLS error message.
     *
     * @param engineMessage the message of an {@code SSLException} (may be {@code null})
     * @return OpenSSL's reason string when the message reports a received alert in a form this class
     *         knows (the JDK's or BoringSSL's), otherwise {@code engineMessage} unchanged
     */
    public static String inLibpqWords(String engineMessage) {
        if (engineMessage == null) {
            return null;
        }
        Matcher jdk = JDK_RECEIVED.matcher(engineMessage);
        if (jdk.matches() && JDK.containsKey(jdk.group(1))) {
            return JDK.get(jdk.group(1));
        }
        Matcher ossl = OPENSSL_REASON.matcher(engineMessage);
        if (ossl.find()) {
            return ossl.group(1).toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return engineMessage;
    }
}
