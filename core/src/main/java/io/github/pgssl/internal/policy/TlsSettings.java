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
import java.util.Optional;

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
            return env.get("APPDATA").map(a -> SettingPaths.of("APPDATA", a).resolve("postgresql")).orElse(null);
        }
        return env.home().map(h -> h.resolve(".postgresql")).orElse(null);
    }

    /** The value checks libpq makes before connecting (versions and their range, sslcertmode), without touching files. */
    public static void validate(ConnectionSettings s) {
        TlsVersion min = version(s, "ssl_min_protocol_version").orElse(TlsVersion.TLS_1_2);
        Optional<TlsVersion> max = version(s, "ssl_max_protocol_version");
        if (max.isPresent() && min.compareTo(max.get()) > 0) {
            throw new SslConfigurationException("ssl_max_protocol_version", "invalid SSL protocol version range: ssl_min_protocol_version "
                    + min + " is above ssl_max_protocol_version " + max.get() + "; lower the minimum or raise the maximum");
        }
        String certmode = s.get("sslcertmode").filter(v -> !v.isEmpty()).orElse("allow");
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
        return env.get("PGSSL_TLS_ENGINE").map(v -> TlsEngine.fromWireValue("PGSSL_TLS_ENGINE", v)).orElse(TlsEngine.JDK);
    }

    /** Versions, SNI, negotiation and client identity; no trust source. */
    public static TlsOptions common(ConnectionSettings s, PgEnvironment env, SslNegotiation negotiation) {
        validate(s);
        TlsVersion min = version(s, "ssl_min_protocol_version").orElse(TlsVersion.TLS_1_2);
        Optional<TlsVersion> max = version(s, "ssl_max_protocol_version");
        String certmode = s.get("sslcertmode").filter(v -> !v.isEmpty()).orElse("allow");
        // libpq sends SNI only when sslsni starts with '1'
        boolean sni = s.get("sslsni").map(v -> v.startsWith("1")).orElse(true);
        TlsOptions o = TlsOptions.defaults().withMinVersion(min).withMaxVersion(max.orElse(null)).withSni(sni)
                .withNegotiation(negotiation).withClientCertificateRequired(certmode.equals("require"))
                .withEngine(engine(s, env));
        if (!certmode.equals("disable")) {
            o = o.withIdentity(identity(s, pgDirectory(env)));
        }
        return o;
    }

    /** {@link #common} with the negotiation read from the settings. */
    public static TlsOptions common(ConnectionSettings s, PgEnvironment env) {
        SslNegotiation negotiation = s.get("sslnegotiation").filter(v -> !v.isEmpty())
                .map(SslNegotiation::fromWireValue).orElse(SslNegotiation.POSTGRES);
        return common(s, env, negotiation);
    }

    private static Optional<TlsVersion> version(ConnectionSettings s, String key) {
        return s.get(key).filter(v -> !v.isEmpty()).map(v -> TlsVersion.parse(key, v));
    }

    /** sslcrl / sslcrldir, or {@code ~/.postgresql/root.crl} when neither is set. Missing files are ignored later. */
    public static TlsOptions withCrls(TlsOptions o, ConnectionSettings s, Path pgDir) {
        Optional<String> crl = s.get("sslcrl").filter(v -> !v.isEmpty());
        Optional<String> crlDir = s.get("sslcrldir").filter(v -> !v.isEmpty());
        if (crl.isEmpty() && crlDir.isEmpty()) {
            return pgDir == null ? o : o.withCrlFile(pgDir.resolve("root.crl"));
        }
        TlsOptions r = o;
        if (crl.isPresent()) {
            r = r.withCrlFile(SettingPaths.of("sslcrl", crl.get()));
        }
        if (crlDir.isPresent()) {
            r = r.withCrlDirectory(SettingPaths.of("sslcrldir", crlDir.get()));
        }
        return r;
    }

    /**
     * libpq's client certificate rule: sslcert (default {@code ~/.postgresql/postgresql.crt}) is
     * optional, a missing file means none; once it exists, the key is required (checked when the
     * material is built, so that prefer can still fall back as libpq does).
     */
    public static ClientIdentity identity(ConnectionSettings s, Path pgDir) {
        Optional<String> cert = s.get("sslcert").filter(v -> !v.isEmpty());
        Path certPath = cert.map(c -> SettingPaths.of("sslcert", c)).orElse(pgDir == null ? null : pgDir.resolve("postgresql.crt"));
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
        Optional<String> key = s.get("sslkey").filter(v -> !v.isEmpty());
        if (key.isPresent() && isEngineKey(key.get())) {
            throw new SslConfigurationException("sslkey", "sslkey \"" + key.get()
                    + "\" names an OpenSSL engine key (engine:keyid), which Java cannot use; export the key to a file and set sslkey to it");
        }
        Path keyPath = key.map(k -> SettingPaths.of("sslkey", k)).orElse(pgDir == null ? null : pgDir.resolve("postgresql.key"));
        if (keyPath == null) {
            throw new SslConfigurationException("sslkey", "certificate present, but no private key file: there is no home directory "
                    + "to locate postgresql.key; set sslkey");
        }
        Secret pw = s.sslPassword().filter(p -> !p.isEmpty()).orElse(null);
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
