package io.github.pgssl.doctor;

import java.util.List;
import java.util.Locale;

/**
 * Provider-specific advice keyed by host-name suffix. Facts from the providers spec; only what
 * changes the fix is kept here.
 */
final class Providers {
    private Providers() {
    }

    private record Provider(String name, List<String> suffixes, String trustAdvice, String sniAdvice) {
    }

    private static final List<Provider> PROVIDERS = List.of(
            new Provider("DigitalOcean", List.of(".db.ondigitalocean.com"),
                    "DigitalOcean: download ca-certificate.crt from the database's Connection Details in the control panel and"
                            + " use sslmode=verify-full sslrootcert=<path to ca-certificate.crt>; on App Platform ${db.CA_CERT}"
                            + " holds the certificate as PEM text, not a path: write it to a file (or give it to pgssl's"
                            + " Spring Boot starter as an SSL bundle) and point sslrootcert at it",
                    null),
            new Provider("Google Cloud SQL", List.of(".sql.goog"),
                    "Google Cloud SQL: download server-ca.pem (it may hold up to 3 CAs during rotation: keep them all) and use"
                            + " sslrootcert=<path to server-ca.pem>; with the default per-instance CA you connect by IP and the"
                            + " certificate names project:instance, so use sslmode=verify-ca; verify-full works with the DNS name"
                            + " (<uid>.<region>.sql.goog) of a CAS-based CA",
                    null),
            new Provider("AWS RDS/Aurora", List.of(".rds.amazonaws.com"),
                    "AWS RDS: set sslrootcert to the whole global bundle "
                            + "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem (every certificate in it, not only the first)",
                    null),
            new Provider("AWS RDS Proxy", List.of(".proxy-"), "RDS Proxy uses Amazon Trust Services certificates: sslrootcert=system", null),
            new Provider("Neon", List.of(".neon.tech"),
                    "Neon's certificates chain to the public ISRG Root X1: use sslrootcert=system with sslmode=verify-full",
                    "Neon routes by SNI: connect by the ep-... host name with sslsni=1, or add options=endpoint%3D<endpoint-id>"),
            new Provider("Render", List.of(".render.com"),
                    "Render does not document its CA: use sslmode=require, or verify-ca with the CA you extracted",
                    "Render's external endpoint requires SNI: connect by the dpg-....render.com name with sslsni=1"),
            new Provider("Supabase", List.of(".supabase.co", ".supabase.com"),
                    "Supabase: download prod-ca-2021.crt from the project settings and set sslrootcert to it", null),
            new Provider("Azure Flexible Server", List.of(".postgres.database.azure.com"),
                    "Azure: set sslrootcert to a PEM holding DigiCert Global Root G2 and Microsoft RSA Root CA 2017 "
                            + "(do not pin intermediates: they rotate)", null),
            new Provider("Aiven", List.of(".aivencloud.com"),
                    "Aiven: download the project CA (ca.pem) from the console and set sslrootcert to it", null),
            new Provider("Crunchy Bridge", List.of(".postgresbridge.com"),
                    "Crunchy Bridge: download the team certificate (GET /teams/{id}.pem) and set sslrootcert to it", null),
            new Provider("Timescale", List.of(".tsdb.cloud.timescale.com"),
                    "Timescale: once the service has its signed certificate, use sslrootcert=system", null),
            new Provider("CockroachDB Cloud", List.of(".cockroachlabs.cloud"),
                    "CockroachDB Basic uses Let's Encrypt: sslrootcert=system; Advanced clusters: download <cluster>-ca.crt", null),
            new Provider("Railway", List.of(".rlwy.net", ".railway.internal"),
                    "Railway's template generates its own CA and does not publish it: only sslmode=require is possible", null),
            new Provider("Heroku", List.of(".compute-1.amazonaws.com", ".compute.amazonaws.com"),
                    "Heroku's default certificates are self-signed: use sslmode=require, or Enhanced Certificates for verify-full", null),
            new Provider("Fly.io", List.of(".flycast", ".internal"),
                    "Fly's private network: the attach URL uses sslmode=disable on purpose", null));

    /** Advice for a host and a diagnosis, or null when no provider matches or the advice would not help. */
    static String advice(String host, Hints.Diagnosis d) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (Provider p : PROVIDERS) {
            for (String suffix : p.suffixes()) {
                if (h.endsWith(suffix) || (suffix.endsWith("-") && h.contains(suffix))) {
                    return switch (d) {
                        case MISSING_CA_FILE, UNTRUSTED_CHAIN, HOSTNAME_MISMATCH -> p.trustAdvice();
                        case SNI_REQUIRED, TIMEOUT, OTHER -> p.sniAdvice() != null ? p.sniAdvice() : null;
                        default -> null;
                    };
                }
            }
        }
        return null;
    }

    /**
     * How to authenticate this provider's server (its CA file or system roots), or null when no
     * provider matches: shown by {@code --explain} and the probe when the resolved policy does not
     * authenticate the server (e.g. the {@code sslmode=require} of a console connection string).
     */
    static String trustAdvice(String host) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (Provider p : PROVIDERS) {
            for (String suffix : p.suffixes()) {
                if (h.endsWith(suffix) || (suffix.endsWith("-") && h.contains(suffix))) {
                    return p.trustAdvice();
                }
            }
        }
        return null;
    }

    /** The provider's name for a host, or null. */
    static String name(String host) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (Provider p : PROVIDERS) {
            for (String suffix : p.suffixes()) {
                if (h.endsWith(suffix) || (suffix.endsWith("-") && h.contains(suffix))) {
                    return p.name();
                }
            }
        }
        return null;
    }
}
