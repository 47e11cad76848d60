package io.github.pgssl.internal.policy;

import io.github.pgssl.ClientIdentity;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.Secret;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslNegotiation;
import io.github.pgssl.TlsEngine;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TlsVersion;
import io.github.pgssl.internal.parse.SettingPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads the TLS keywords every policy shares (versions, SNI, negotiation, client identity, CRLs)
 * by libpq's rules. Used by the libpq resolver and by the built-in strategies. Not API.
 */
public final class TlsSettings {
    private TlsSettings() {
    }

    /** {@code ~/.postgresql} ({@code %APPDATA%\postgresql} on Windows), or null without a home directory. */
    public static Path pgDirectory(PgEnvironment env) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            String appdata = env.get("APPDATA").orElse(null);
            return appdata == null ? null : SettingPaths.of("APPDATA", appdata).resolve("postgresql");
        }
        Path home = env.home().orElse(null);
        return home == null ? null : home.resolve(".postgresql");
    }

    /** The value checks libpq makes before connecting (versions and their range, sslcertmode), without touching files. */
    public static void validate(ConnectionSettings s) {
        TlsVersion min = minVersion(s);
        TlsVersion max = version(s, "ssl_max_protocol_version");
        if (max != null && min.compareTo(max) > 0) {
            throw new SslConfigurationException("ssl_max_protocol_version", "invalid SSL protocol version range: ssl_min_protocol_version "
                    + min + " is above ssl_max_protocol_version " + max + "; lower the minimum or raise the maximum");
        }
        String certmode = certmode(s);
        if (!certmode.equals("disable") && !certmode.equals("allow") && !certmode.equals("require")) {
            throw new SslConfigurationException("sslcertmode", "invalid sslcertmode value: \"" + certmode
                    + "\"; use disable, allow or require");
        }
    }

    /**
     * {@code pgssl.tls_engine}, else {@code PGSSL_TLS_ENGINE}, else {@link TlsEngine#JDK}: an explicit
     * value wins over the environment, as libpq's keywords do over their variables.
     */
    public static TlsEngine engine(ConnectionSettings s, PgEnvironment env) {
        String explicit = s.pgsslOptions().get("tls_engine");
        if (explicit != null && !explicit.isEmpty()) {
            return TlsEngine.fromWireValue("pgssl.tls_engine", explicit);
        }
        String fromEnv = env.get("PGSSL_TLS_ENGINE").orElse(null);
        return fromEnv == null ? TlsEngine.JDK : TlsEngine.fromWireValue("PGSSL_TLS_ENGINE", fromEnv);
    }

    /** Versions, SNI, negotiation and client identity; no trust source. */
    public static TlsOptions common(ConnectionSettings s, PgEnvironment env, SslNegotiation negotiation) {
        validate(s);
        TlsVersion min = minVersion(s);
        TlsVersion max = version(s, "ssl_max_protocol_version");
        String certmode = certmode(s);
        // libpq sends SNI only when sslsni starts with '1'
        String sslsni = s.get("sslsni").orElse(null);
        boolean sni = sslsni == null || sslsni.startsWith("1");
        TlsOptions o = TlsOptions.defaults().withMinVersion(min).withMaxVersion(max).withSni(sni)
                .withNegotiation(negotiation).withClientCertificateRequired(certmode.equals("require"))
                .withEngine(engine(s, env));
        if (!certmode.equals("disable")) {
            o = o.withIdentity(identity(s, pgDirectory(env)));
        }
        return o;
    }

    /** {@link #common} with the negotiation read from the settings. */
    public static TlsOptions common(ConnectionSettings s, PgEnvironment env) {
        String text = nonEmpty(s, "sslnegotiation");
        SslNegotiation negotiation = text == null ? SslNegotiation.POSTGRES : SslNegotiation.fromWireValue(text);
        return common(s, env, negotiation);
    }

    /** {@code ssl_min_protocol_version}, TLS 1.2 when unset or empty. */
    private static TlsVersion minVersion(ConnectionSettings s) {
        TlsVersion min = version(s, "ssl_min_protocol_version");
        return min == null ? TlsVersion.TLS_1_2 : min;
    }

    /** The version {@code key} names, or {@code null} when unset or empty. */
    private static TlsVersion version(ConnectionSettings s, String key) {
        String v = nonEmpty(s, key);
        return v == null ? null : TlsVersion.parse(key, v);
    }

    /** {@code sslcertmode}, {@code allow} when unset or empty. */
    private static String certmode(ConnectionSettings s) {
        String v = nonEmpty(s, "sslcertmode");
        return v == null ? "allow" : v;
    }

    /** The value of {@code key}, or {@code null} when it is unset or empty. */
    private static String nonEmpty(ConnectionSettings s, String key) {
        String v = s.get(key).orElse(null);
        return v == null || v.isEmpty() ? null : v;
    }

    /** sslcrl / sslcrldir, or {@code ~/.postgresql/root.crl} when neither is set. Missing files are ignored later. */
    public static TlsOptions withCrls(TlsOptions o, ConnectionSettings s, Path pgDir) {
        String crl = nonEmpty(s, "sslcrl");
        String crlDir = nonEmpty(s, "sslcrldir");
        if (crl == null && crlDir == null) {
            return pgDir == null ? o : o.withCrlFile(pgDir.resolve("root.crl"));
        }
        TlsOptions r = o;
        if (crl != null) {
            r = r.withCrlFile(SettingPaths.of("sslcrl", crl));
        }
        if (crlDir != null) {
            r = r.withCrlDirectory(SettingPaths.of("sslcrldir", crlDir));
        }
        return r;
    }

    /**
     * libpq's client certificate rule: sslcert (default {@code ~/.postgresql/postgresql.crt}) is
     * optional, a missing file means none; once it exists, the key is required (checked when the
     * material is built, so that prefer can still fall back as libpq does).
     */
    public static ClientIdentity identity(ConnectionSettings s, Path pgDir) {
        String cert = nonEmpty(s, "sslcert");
        Path defaultCert = pgDir == null ? null : pgDir.resolve("postgresql.crt");
        Path certPath = cert != null ? SettingPaths.of("sslcert", cert) : defaultCert;
        if (certPath == null) {
            return ClientIdentity.none();
        }
        try {
            Files.readAttributes(certPath, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return ClientIdentity.none();
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Not a directory")) {
                return ClientIdentity.none();
            }
            throw new SslConfigurationException("sslcert", "could not open certificate file \"" + certPath + "\": "
                    + e.getClass().getSimpleName() + "; fix the file's permissions or change sslcert");
        }
        String key = nonEmpty(s, "sslkey");
        if (key != null && isEngineKey(key)) {
            throw new SslConfigurationException("sslkey", "sslkey \"" + key
                    + "\" names an OpenSSL engine key (engine:keyid), which Java cannot use; export the key to a file and set sslkey to it");
        }
        Path defaultKey = pgDir == null ? null : pgDir.resolve("postgresql.key");
        Path keyPath = key != null ? SettingPaths.of("sslkey", key) : defaultKey;
        if (keyPath == null) {
            throw new SslConfigurationException("sslkey", "certificate present, but no private key file: there is no home directory "
                    + "to locate postgresql.key; set sslkey");
        }
        Secret pw = s.sslPassword().orElse(null);
        if (pw != null && pw.isEmpty()) {
            pw = null;
        }
        return ClientIdentity.of(certPath, keyPath, pw);
    }

    /** libpq reads {@code engine:key} when sslkey has a ':' (outside a Windows drive letter). */
    static boolean isEngineKey(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean windowsDrive = colon == 1 && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return !windowsDrive;
    }
}
