package io.github.pgssl.testkit.server;

/**
 * The users, databases and {@code pg_hba.conf} rules every test server has. Each database is a
 * {@code pg_hba} preset named for what it allows (connections from 127.0.0.1):
 *
 * <table>
 * <caption>databases</caption>
 * <tr><th>database</th><th>rule</th></tr>
 * <tr><td>{@value #TRUST_DB} (and {@code postgres})</td><td>any connection, TLS or not ({@code host ... trust})</td></tr>
 * <tr><td>{@value #SSL_DB}</td><td>TLS only ({@code hostssl ... trust}); plaintext is rejected</td></tr>
 * <tr><td>{@value #NOSSL_DB}</td><td>plaintext only ({@code hostnossl ... trust}); TLS is rejected</td></tr>
 * <tr><td>{@value #CERT_DB}</td><td>TLS with {@code cert} authentication: a client certificate whose CN is the user</td></tr>
 * <tr><td>{@value #VERIFY_DB}</td><td>TLS with {@code trust clientcert=verify-full}</td></tr>
 * <tr><td>{@value #CERT_DN_DB}</td><td>{@code cert clientname=DN map=dn}: the whole subject DN {@value #CLIENT_DN} maps to {@value #TRUST_USER}</td></tr>
 * <tr><td>{@value #CERT_DN_RE_DB}</td><td>{@code cert clientname=DN map=dnre}: a regular expression {@code /^.*OU=Testing,.*$} maps to {@value #TRUST_USER}</td></tr>
 * <tr><td>{@value #CERT_CN_DB}</td><td>{@code cert clientname=CN map=cn}: the CN {@value #CLIENT_DN_CN} maps to {@value #TRUST_USER}</td></tr>
 * </table>
 *
 * <p>Users: {@value #TRUST_USER} (no password; also the CN of the testkit client certificates),
 * and {@value #SCRAM_USER}, who always authenticates with SCRAM-SHA-256 using {@link #SCRAM_PASSWORD},
 * a password that must be percent-encoded in a URI; {@value #MD5_USER} ({@code md5}) and
 * {@value #PASSWORD_USER} ({@code password}, cleartext), for libpq's {@code require_auth} and
 * {@code channel_binding} cases. Rejections use explicit {@code reject} lines, so
 * the server says {@code pg_hba.conf rejects connection for host ...}.
 */
public final class ServerPresets {
    /** Any connection is trusted. */
    public static final String TRUST_DB = "trustdb";
    /** Only TLS connections ({@code hostssl}). */
    public static final String SSL_DB = "ssldb";
    /** Only plaintext connections ({@code hostnossl}). */
    public static final String NOSSL_DB = "nossldb";
    /** TLS with certificate authentication ({@code cert}). */
    public static final String CERT_DB = "certdb";
    /** TLS with {@code trust clientcert=verify-full}. */
    public static final String VERIFY_DB = "verifydb";
    /** {@code cert clientname=DN map=dn} (PostgreSQL's suite {@code certdb_dn}). */
    public static final String CERT_DN_DB = "certdb_dn";
    /** {@code cert clientname=DN map=dnre}, a regular-expression map (the suite's {@code certdb_dn_re}). */
    public static final String CERT_DN_RE_DB = "certdb_dn_re";
    /** {@code cert clientname=CN map=cn} (the suite's {@code certdb_cn}). */
    public static final String CERT_CN_DB = "certdb_cn";
    /** The RFC 2253 subject the {@code dn} map accepts (the suite's {@code client-dn} certificate). */
    public static final String CLIENT_DN = "CN=ssltestuser-dn,OU=Testing,OU=Engineering,O=PGDG";
    /** The CN of {@link #CLIENT_DN}, which the {@code cn} map accepts. */
    public static final String CLIENT_DN_CN = "ssltestuser-dn";
    /** A user trusted without password; the CN of the testkit client certificates. */
    public static final String TRUST_USER = "ssltestuser";
    /** A user that authenticates with SCRAM-SHA-256 (except in {@link #CERT_DB}/{@link #VERIFY_DB}). */
    public static final String SCRAM_USER = "scramuser";
    /** The password of {@link #SCRAM_USER}: {@code @ : / %} all need percent-encoding in a URI. */
    public static final String SCRAM_PASSWORD = "p@ss:w/rd%x";
    /** A user that authenticates with {@code md5} (an MD5-hashed password, {@link #MD5_PASSWORD}), in every database. */
    public static final String MD5_USER = "md5user";
    /** The password of {@link #MD5_USER}. */
    public static final String MD5_PASSWORD = "md5-secret";
    /** A user that authenticates with {@code password} (cleartext over the connection), {@link #PASSWORD_PASSWORD}. */
    public static final String PASSWORD_USER = "passworduser";
    /** The password of {@link #PASSWORD_USER}. */
    public static final String PASSWORD_PASSWORD = "cleartext-secret";
    /** {@link #SCRAM_PASSWORD} percent-encoded for the user-info part of a URI. */
    public static final String SCRAM_PASSWORD_URI_ENCODED = "p%40ss%3Aw%2Frd%25x";

    private ServerPresets() {
    }

    /** The SQL run once (single-user mode) into the cached template data directory. */
    static String bootstrapSql(int majorVersion) {
        // FILE_COPY (PostgreSQL 15+) copies template1 without writing it all to WAL: a smaller template.
        String strategy = majorVersion >= 15 ? " STRATEGY = FILE_COPY" : "";
        return String.join("\n",
                "CREATE ROLE " + TRUST_USER + " LOGIN",
                "SET password_encryption = 'scram-sha-256'",
                "CREATE ROLE " + SCRAM_USER + " LOGIN PASSWORD '" + SCRAM_PASSWORD + "'",
                "CREATE ROLE " + PASSWORD_USER + " LOGIN PASSWORD '" + PASSWORD_PASSWORD + "'",
                "SET password_encryption = 'md5'",
                "CREATE ROLE " + MD5_USER + " LOGIN PASSWORD '" + MD5_PASSWORD + "'",
                "CREATE DATABASE " + TRUST_DB + strategy,
                "CREATE DATABASE " + SSL_DB + strategy,
                "CREATE DATABASE " + NOSSL_DB + strategy,
                "CREATE DATABASE " + CERT_DB + strategy,
                "CREATE DATABASE " + VERIFY_DB + strategy,
                "CREATE DATABASE " + CERT_DN_DB + strategy,
                "CREATE DATABASE " + CERT_DN_RE_DB + strategy,
                "CREATE DATABASE " + CERT_CN_DB + strategy,
                // template0 only serves CREATE DATABASE ... TEMPLATE template0; dropping it makes every copy smaller.
                "UPDATE pg_database SET datistemplate = false WHERE datname = 'template0'",
                "DROP DATABASE template0",
                "") + "\n";
    }

    /** The {@code pg_ident.conf} of every test server: the maps of PostgreSQL's suite. */
    static String ident() {
        return String.join("\n",
                "# written by pgssl-testkit",
                "dn \"" + CLIENT_DN + "\" " + TRUST_USER,
                "dnre \"/^.*OU=Testing,.*$\" " + TRUST_USER,
                "cn " + CLIENT_DN_CN + " " + TRUST_USER,
                "");
    }

    /** The {@code pg_hba.conf} of every test server. */
    static String hba() {
        String v4 = "127.0.0.1/32";
        return String.join("\n",
                "# written by pgssl-testkit",
                "local all all trust",
                "hostssl " + SSL_DB + " all " + v4 + " trust",
                "host " + SSL_DB + " all " + v4 + " reject",
                "hostnossl " + NOSSL_DB + " all " + v4 + " trust",
                "host " + NOSSL_DB + " all " + v4 + " reject",
                "hostssl " + CERT_DB + " all " + v4 + " cert",
                "host " + CERT_DB + " all " + v4 + " reject",
                "hostssl " + VERIFY_DB + " all " + v4 + " trust clientcert=verify-full",
                "host " + VERIFY_DB + " all " + v4 + " reject",
                "hostssl " + CERT_DN_DB + " all " + v4 + " cert clientname=DN map=dn",
                "host " + CERT_DN_DB + " all " + v4 + " reject",
                "hostssl " + CERT_DN_RE_DB + " all " + v4 + " cert clientname=DN map=dnre",
                "host " + CERT_DN_RE_DB + " all " + v4 + " reject",
                "hostssl " + CERT_CN_DB + " all " + v4 + " cert clientname=CN map=cn",
                "host " + CERT_CN_DB + " all " + v4 + " reject",
                "host all " + SCRAM_USER + " " + v4 + " scram-sha-256",
                "host all " + MD5_USER + " " + v4 + " md5",
                "host all " + PASSWORD_USER + " " + v4 + " password",
                "host all all " + v4 + " trust",
                "");
    }
}
