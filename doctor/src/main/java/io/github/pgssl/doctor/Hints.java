package io.github.pgssl.doctor;

import io.github.pgssl.TlsVerificationException;
import io.github.pgssl.TrustSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a failure into the fix: each diagnosis names what to change. Provider advice comes from
 * the host name (facts in the providers spec: RDS bundle, Neon and Render SNI, Supabase CA ...).
 */
final class Hints {
    private Hints() {
    }

    /** What went wrong, as a stable machine-readable name. */
    enum Diagnosis {
        MISSING_CA_FILE("missing_ca_file"),
        HOSTNAME_MISMATCH("hostname_mismatch"),
        SERVER_WITHOUT_TLS("server_without_tls"),
        CLIENT_CERTIFICATE_REQUIRED("client_certificate_required"),
        UNTRUSTED_CHAIN("untrusted_chain"),
        CERTIFICATE_EXPIRED("certificate_expired"),
        REVOKED("certificate_revoked"),
        DIRECT_TLS("direct_tls"),
        SNI_REQUIRED("sni_required"),
        TLS_REQUIRED_BY_SERVER("tls_required_by_server"),
        AUTHENTICATION("authentication"),
        TLS_VERSION("tls_version"),
        CLIENT_KEY("client_key"),
        UNREACHABLE("unreachable"),
        TIMEOUT("timeout"),
        UNKNOWN_HOST("unknown_host"),
        INVALID_SETTING("invalid_setting"),
        OTHER("other");

        final String id;

        Diagnosis(String id) {
            this.id = id;
        }
    }

    /** Classifies a failure from its whole cause chain. */
    static Diagnosis diagnose(Throwable e) {
        TlsVerificationException refused = TlsVerificationException.findIn(e);
        if (refused != null) {
            return switch (refused.reason()) {
                case HOSTNAME_MISMATCH -> Diagnosis.HOSTNAME_MISMATCH;
                case EXPIRED, NOT_YET_VALID -> Diagnosis.CERTIFICATE_EXPIRED;
                case REVOKED, REVOCATION_UNKNOWN -> Diagnosis.REVOKED;
                case ALPN_MISSING -> Diagnosis.DIRECT_TLS;
                default -> Diagnosis.UNTRUSTED_CHAIN;
            };
        }
        String all = chainText(e).toLowerCase(Locale.ROOT);
        if (has(all, "root certificate file", "could not open ssl root certificate", "sslrootcert must not be null")
                || (all.contains("sslrootcert") && has(all, "does not exist", "not found", "nosuchfile"))) {
            return Diagnosis.MISSING_CA_FILE;
        }
        if (has(all, "endpoint id is not specified")) {
            return Diagnosis.SNI_REQUIRED;
        }
        if (has(all, "requires a valid client certificate", "certificate_required", "certificate required",
                "server accepted connection without a valid ssl certificate")) {
            return Diagnosis.CLIENT_CERTIFICATE_REQUIRED;
        }
        if (has(all, "does not match host name", "could not be verified by hostnameverifier", "no subject alternative",
                "no name matching", "hostname", "host name")) {
            return Diagnosis.HOSTNAME_MISMATCH;
        }
        if (has(all, "does not support ssl", "server answered n", "tls is off", "ssl is not enabled", "ssl off")) {
            return Diagnosis.SERVER_WITHOUT_TLS;
        }
        if (has(all, "pkix", "certificate verify failed", "unable to find valid certification path",
                "does not chain", "trust anchor", "untrusted", "unknown_ca", "unknown ca", "certpathvalidator",
                "signature check failed", "fingerprint", "not trusted")) {
            return Diagnosis.UNTRUSTED_CHAIN;
        }
        if (has(all, "private key", "sslkey", "sslcert", "bad decrypt")) {
            return Diagnosis.CLIENT_KEY;
        }
        if (has(all, "no encryption") && has(all, "pg_hba")) {
            return Diagnosis.TLS_REQUIRED_BY_SERVER;
        }
        if (has(all, "password authentication failed", "authentication failed", "no password", "28p01")) {
            return Diagnosis.AUTHENTICATION;
        }
        if (has(all, "protocol_version", "no appropriate protocol", "protocol version")) {
            return Diagnosis.TLS_VERSION;
        }
        if (instanceOf(e, UnknownHostException.class) || has(all, "unknownhost", "unknown host", "nodename nor servname", "name or service not known")) {
            return Diagnosis.UNKNOWN_HOST;
        }
        if (instanceOf(e, ConnectException.class) || instanceOf(e, NoRouteToHostException.class)
                || has(all, "connection refused")) {
            return Diagnosis.UNREACHABLE;
        }
        if (instanceOf(e, SocketTimeoutException.class) || has(all, "timed out", "timeout")) {
            return Diagnosis.TIMEOUT;
        }
        if (e instanceof io.github.pgssl.SslConfigurationException || e instanceof io.github.pgssl.ConnectionStringException) {
            return Diagnosis.INVALID_SETTING;
        }
        return Diagnosis.OTHER;
    }

    /** The fix for a failure; {@code host} (may be null) adds provider-specific advice. */
    static String forFailure(Throwable e, String host) {
        Diagnosis d = diagnose(e);
        return withProvider(base(d), host, d);
    }

    private static String base(Diagnosis d) {
        return switch (d) {
            case MISSING_CA_FILE -> "the CA file is missing: download the CA that issued the server certificate and set "
                    + "sslrootcert=/path/to/ca.pem, use sslrootcert=system when the server has a publicly trusted "
                    + "certificate, or use sslmode=require to encrypt without verifying the server";
            case HOSTNAME_MISMATCH -> "the certificate does not name the host you connect to: connect with a host name "
                    + "listed in the certificate, or use sslmode=verify-ca to check the chain only";
            case SERVER_WITHOUT_TLS -> serverWithoutTls();
            case CLIENT_CERTIFICATE_REQUIRED -> "the server requires a client certificate: set sslcert=/path/client.crt "
                    + "and sslkey=/path/client.key (key file mode 0600), issued by a CA the server trusts (its ssl_ca_file)";
            case UNTRUSTED_CHAIN -> "the server's certificate chains to a different CA than the one given: set sslrootcert "
                    + "to the CA that issued the server certificate (the probe's chain step names its issuer)";
            case CERTIFICATE_EXPIRED -> "the server certificate (or a CA in its chain) is expired or not yet valid: "
                    + "renew it on the server, and check the clocks of client and server";
            case REVOKED -> "a certificate of the server's chain is revoked, or a CRL is missing for a CA of the chain "
                    + "(libpq needs a CRL for every CA once sslcrl/sslcrldir is set): renew the server certificate or supply the CRLs";
            case DIRECT_TLS -> "sslnegotiation=direct needs a PostgreSQL 17+ server that selects ALPN postgresql: "
                    + "use sslnegotiation=postgres for older servers or proxies";
            case SNI_REQUIRED -> "the server routes by SNI: connect by DNS name (not an IP), keep sslsni=1, or pass the "
                    + "endpoint in options (Neon: options=endpoint%3D<endpoint-id>)";
            case TLS_REQUIRED_BY_SERVER -> "the server accepts this user only over TLS (hostssl): use sslmode=require or stronger";
            case AUTHENTICATION -> "the server rejected the credentials: check user and password (connection string, "
                    + "PGPASSWORD or ~/.pgpass) and the server's pg_hba.conf";
            case TLS_VERSION -> "client and server share no TLS version: adjust ssl_min_protocol_version / "
                    + "ssl_max_protocol_version (TLSv1.2 or TLSv1.3)";
            case CLIENT_KEY -> "the client certificate or key cannot be used: check sslcert/sslkey paths, the key's "
                    + "permissions (0600, or 0640 when owned by root) and sslpassword for an encrypted key";
            case UNREACHABLE -> "nothing accepts connections there: check host and port, that the server runs and "
                    + "listens on that address (listen_addresses), and firewalls";
            case TIMEOUT -> "the server did not answer in time: check the network path, firewalls and the port";
            case UNKNOWN_HOST -> "the host name does not resolve: check the spelling or DNS";
            case INVALID_SETTING -> "fix the setting named in the error";
            case OTHER -> "see the error; run pgssl-doctor --explain to check what the connection string means";
        };
    }

    /** The fix for a diagnosis id (as in {@link Diagnosis#id}). */
    static String forDiagnosis(String id, String host) {
        for (Diagnosis d : Diagnosis.values()) {
            if (d.id.equals(id)) {
                return withProvider(base(d), host, d);
            }
        }
        return base(Diagnosis.OTHER);
    }

    private static String withProvider(String base, String host, Diagnosis d) {
        String provider = Providers.advice(host, d);
        return provider == null ? base : base + "; " + provider;
    }

    static String serverWithoutTls() {
        return "the server has TLS turned off: enable it on the server (ssl=on with ssl_cert_file and ssl_key_file), "
                + "or, on a trusted network only, use sslmode=prefer or sslmode=disable";
    }

    static String forTcp(Target target, IOException e) {
        return forFailure(e, target.host());
    }

    /** The issuer the server's chain ends at versus the trust given. */
    static String chainMismatch(List<X509Certificate> chain, TrustSource trust) {
        X509Certificate top = chain.get(chain.size() - 1);
        String issuer = Certificates.issuer(top);
        return "the server's chain ends at \"" + issuer + "\", which " + Explanation.describeTrust(trust)
                + " does not contain: set sslrootcert to the CA certificate \"" + issuer + "\"";
    }

    /** Suggests the names the certificate holds, or verify-ca. */
    static String hostnameMismatch(Target target, X509Certificate leaf) {
        List<String> names = Certificates.hostNames(leaf);
        return "connect with a name the certificate holds (" + (names.isEmpty() ? "none found" : String.join(", ", names))
                + ") instead of \"" + target.host() + "\""
                + (target.address().equals(target.host()) ? "; keep the address with hostaddr=" + target.address() : "")
                + ", or use sslmode=verify-ca to check the chain only";
    }

    /** The message chain of an exception (messages of all causes), for classification and display. */
    static String safeMessage(Throwable e) {
        List<String> parts = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank()) {
                m = t.getClass().getSimpleName();
            }
            if (!repeats(String.join(": ", parts), m)) {
                parts.add(m);
            }
            if (parts.size() >= 4) {
                break;
            }
        }
        return String.join(": ", parts);
    }

    /**
     * Whether a cause's message only repeats what is already said: contained as is, or behind a
     * driver's prefix (pgjdbc wraps the trust manager's message as {@code SSL error: <message>},
     * which pgssl's own message already states in libpq's form).
     */
    private static boolean repeats(String said, String m) {
        if (said.contains(m)) {
            return true;
        }
        int colon = m.indexOf(": ");
        String rest = colon < 0 ? "" : m.substring(colon + 2);
        return rest.length() >= 20 && said.contains(rest);
    }

    private static String chainText(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            sb.append(t.getClass().getName()).append(' ').append(t.getMessage()).append('\n');
            for (Throwable s : t.getSuppressed()) {
                sb.append(s.getClass().getName()).append(' ').append(s.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private static boolean instanceOf(Throwable e, Class<? extends Throwable> type) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(String text, String... needles) {
        for (String n : needles) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
