package io.github.pgssl.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** libpq's precedence: explicit > service file > PG* variable > compiled default; .pgpass; ~/.postgresql defaults. */
class EnvironmentResolverTest {

    @TempDir
    Path home;

    private PgEnvironment env(String... kv) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return PgEnvironment.of(m, home).withOsUser("osuser");
    }

    private static void assertValue(ConnectionSettings s, String keyword, String value, Origin origin) {
        assertEquals(Optional.of(value), s.get(keyword), keyword);
        assertEquals(Optional.of(origin), s.origin(keyword), keyword + " origin");
    }

    static Stream<Arguments> compiledDefaults() {
        return Stream.of(
                arguments("sslmode", "prefer"), arguments("sslnegotiation", "postgres"), arguments("sslsni", "1"),
                arguments("ssl_min_protocol_version", "TLSv1.2"), arguments("sslcertmode", "allow"),
                arguments("sslcompression", "0"), arguments("port", "5432"), arguments("gssencmode", "prefer"),
                arguments("channel_binding", "prefer"), arguments("krbsrvname", "postgres"),
                arguments("target_session_attrs", "any"), arguments("load_balance_hosts", "disable"),
                arguments("gssdelegation", "0"), arguments("user", "osuser"), arguments("dbname", "osuser"));
    }

    @ParameterizedTest(name = "{0} defaults to {1}")
    @MethodSource("compiledDefaults")
    void resolveWhenNothingSetThenLibpqDefaultMarkedDefault(String keyword, String value) {
        assertValue(PgSsl.settings("", env()), keyword, value, Origin.DEFAULT);
    }

    @Test
    void resolveWhenHomeSetThenDefaultFilesUnderDotPostgresql() {
        ConnectionSettings s = PgSsl.settings("host=h", env());
        Path dir = home.resolve(".postgresql");
        assertValue(s, "sslrootcert", dir.resolve("root.crt").toString(), Origin.DEFAULT);
        assertValue(s, "sslcert", dir.resolve("postgresql.crt").toString(), Origin.DEFAULT);
        assertValue(s, "sslkey", dir.resolve("postgresql.key").toString(), Origin.DEFAULT);
        assertValue(s, "sslcrl", dir.resolve("root.crl").toString(), Origin.DEFAULT);
        assertValue(s, "passfile", home.resolve(".pgpass").toString(), Origin.DEFAULT);
    }

    @Test
    void resolveWhenNoHomeThenNoDefaultFiles() {
        ConnectionSettings s = PgSsl.settings("host=h", PgEnvironment.empty());
        assertFalse(s.isSet("sslrootcert"));
        assertFalse(s.isSet("sslcrl"));
        assertFalse(s.isSet("passfile"));
        assertFalse(s.isSet("user"), "no OS user injected");
    }

    @Test
    void resolveWhenSslcrldirSetThenNoDefaultCrl() {
        ConnectionSettings s = PgSsl.settings("sslcrldir=/crls", env());
        assertFalse(s.isSet("sslcrl"));
    }

    @Test
    void resolveWhenSslrootcertEmptyThenDefaultFile() {
        ConnectionSettings s = PgSsl.settings("sslrootcert=''", env());
        assertValue(s, "sslrootcert", home.resolve(".postgresql/root.crt").toString(), Origin.DEFAULT);
    }

    @Test
    void resolveWhenSslrootcertSystemThenKeptExplicitAndSslmodeStaysDefault() {
        ConnectionSettings s = PgSsl.settings("postgresql://h/db?sslrootcert=system", env());
        assertValue(s, "sslrootcert", "system", Origin.EXPLICIT);
        assertValue(s, "sslmode", "prefer", Origin.DEFAULT); // the resolver applies libpq's verify-full rule
    }

    @Test
    void resolveWhenEnvironmentVariableThenUsedUnlessExplicit() {
        assertValue(PgSsl.settings("host=h", env("PGSSLMODE", "verify-full")), "sslmode", "verify-full", Origin.ENVIRONMENT);
        assertValue(PgSsl.settings("sslmode=require", env("PGSSLMODE", "verify-full")), "sslmode", "require", Origin.EXPLICIT);
        assertValue(PgSsl.settings("host=h", env("PGSSLROOTCERT", "/ca.pem")), "sslrootcert", "/ca.pem", Origin.ENVIRONMENT);
        assertValue(PgSsl.settings("host=h", env("PGSSLNEGOTIATION", "direct")), "sslnegotiation", "direct", Origin.ENVIRONMENT);
    }

    @Test
    void resolveWhenEnvironmentVariableEmptyThenEmptyValueAsLibpq() {
        assertValue(PgSsl.settings("host=h", env("PGSSLMODE", "")), "sslmode", "", Origin.ENVIRONMENT);
    }

    @Test
    void resolveWhenPgrequiresslThenRequireUnlessPgsslmode() {
        assertValue(PgSsl.settings("", env("PGREQUIRESSL", "1")), "sslmode", "require", Origin.ENVIRONMENT);
        assertValue(PgSsl.settings("", env("PGREQUIRESSL", "0")), "sslmode", "prefer", Origin.DEFAULT);
        assertValue(PgSsl.settings("", env("PGREQUIRESSL", "1", "PGSSLMODE", "disable")), "sslmode", "disable", Origin.ENVIRONMENT);
    }

    @Test
    void resolveWhenPgpasswordThenSecretFromEnvironment() {
        ConnectionSettings s = PgSsl.settings("host=h", env("PGPASSWORD", "envpw"));
        assertEquals("envpw", s.password().orElseThrow().reveal());
        assertEquals(Optional.of(Origin.ENVIRONMENT), s.origin("password"));
        assertFalse(s.toString().contains("envpw"));
    }

    @Test
    void resolveWhenUriHostAndDbnameEmptyThenEnvironmentApplies() {
        ConnectionSettings s = PgSsl.settings("postgresql://:54317/", env("PGHOST", "/sock", "PGDATABASE", "envdb"));
        assertValue(s, "host", "/sock", Origin.ENVIRONMENT);
        assertValue(s, "port", "54317", Origin.EXPLICIT);
        assertValue(s, "dbname", "envdb", Origin.ENVIRONMENT);
    }

    @Test
    void resolveWhenKeywordValueHostEmptyThenEnvironmentBlocked() {
        assertValue(PgSsl.settings("host=''", env("PGHOST", "/sock")), "host", "", Origin.EXPLICIT);
    }

    @Test
    void resolveWhenNoDbnameThenUser() {
        assertValue(PgSsl.settings("user=alice", env()), "dbname", "alice", Origin.DEFAULT);
        assertValue(PgSsl.settings("", env("PGUSER", "bob")), "dbname", "bob", Origin.DEFAULT);
    }

    @Test
    void resolveWhenNullStringThenDatabaseUrl() {
        ConnectionSettings s = PgSsl.settings(null, env("DATABASE_URL", "postgresql://dbhost/app?sslmode=verify-full"));
        assertValue(s, "host", "dbhost", Origin.EXPLICIT);
        assertValue(s, "sslmode", "verify-full", Origin.EXPLICIT);
        assertValue(PgSsl.settings(null, env("PGHOST", "envhost")), "host", "envhost", Origin.ENVIRONMENT);
    }

    @Test
    void resolveWhenPortCountMismatchThenLibpqError() {
        ConnectionStringException e = assertThrows(ConnectionStringException.class,
                () -> PgSsl.settings("host=a,b port=1,2,3", env()));
        assertEquals("could not match 3 port numbers to 2 hosts", e.getMessage());
        e = assertThrows(ConnectionStringException.class, () -> PgSsl.settings("host=a hostaddr=1.1.1.1,2.2.2.2", env()));
        assertEquals("could not match 1 host names to 2 hostaddr values", e.getMessage());
    }

    // ---------------------------------------------------------------- service files

    private Path file(String name, String content) throws IOException {
        Path p = home.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void resolveWhenServiceThenServiceBeatsEnvironmentButNotExplicit() throws IOException {
        Path f = file("svc.conf", "# comment\n[other]\nsslmode=disable\n[mysvc]\n  sslmode=verify-full  \nhost=svchost\nport=6000\n\n[next]\nport=1\n");
        ConnectionSettings s = PgSsl.settings("port=7000", env("PGSERVICE", "mysvc", "PGSERVICEFILE", f.toString(), "PGSSLMODE", "disable"));
        assertValue(s, "sslmode", "verify-full", Origin.SERVICE);
        assertValue(s, "host", "svchost", Origin.SERVICE);
        assertValue(s, "port", "7000", Origin.EXPLICIT);
        assertValue(s, "service", "mysvc", Origin.ENVIRONMENT);
    }

    @Test
    void resolveWhenServiceInUriThenUsed() throws IOException {
        Path f = file("svc.conf", "[s1]\nsslmode=require\npassword=svcpw\n");
        ConnectionSettings s = PgSsl.settings("postgresql://h/db?service=s1", env("PGSERVICEFILE", f.toString()));
        assertValue(s, "sslmode", "require", Origin.SERVICE);
        assertEquals("svcpw", s.password().orElseThrow().reveal());
        assertEquals(Optional.of(Origin.SERVICE), s.origin("password"));
    }

    @Test
    void resolveWhenServiceInHomeFileThenSystemFileNotRead() throws IOException {
        file(".pg_service.conf", "[s]\nsslmode=verify-ca\n");
        Path sys = home.resolve("sys");
        Files.createDirectories(sys);
        Files.writeString(sys.resolve("pg_service.conf"), "[s]\nsslmode=disable\nhost=syshost\n[t]\nhost=thost\n");
        PgEnvironment e = env("PGSYSCONFDIR", sys.toString());
        ConnectionSettings s = PgSsl.settings("service=s", e);
        assertValue(s, "sslmode", "verify-ca", Origin.SERVICE);
        assertFalse(s.get("host").isPresent());
        assertValue(PgSsl.settings("service=t", e), "host", "thost", Origin.SERVICE);
    }

    @Test
    void resolveWhenServiceRepeatsKeyThenFirstWins() throws IOException {
        Path f = file("svc.conf", "[s]\nhost=first\nhost=second\n");
        assertValue(PgSsl.settings("service=s", env("PGSERVICEFILE", f.toString())), "host", "first", Origin.SERVICE);
    }

    static Stream<Arguments> serviceErrors() {
        return Stream.of(
                arguments("section missing", "[a]\nhost=x\n", "definition of service \"s\" not found"),
                arguments("no '='", "[s]\nhost\n", "syntax error in service file \"%s\", line 2"),
                arguments("unknown keyword", "[s]\nhots=x\n", "syntax error in service file \"%s\", line 2"),
                arguments("blank before '='", "[s]\nhost =x\n", "syntax error in service file \"%s\", line 2"),
                arguments("nested service", "[s]\nhost=x\nservice=t\n", "nested service specifications not supported in service file \"%s\", line 3"),
                arguments("line too long", "[s]\nhost=" + "x".repeat(1100) + "\n", "line 2 too long in service file \"%s\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceErrors")
    void resolveWhenServiceFileBadThenLibpqError(String name, String content, String message) throws IOException {
        Path f = file("svc.conf", content);
        ConnectionStringException e = assertThrows(ConnectionStringException.class,
                () -> PgSsl.settings("service=s", env("PGSERVICEFILE", f.toString(), "PGSYSCONFDIR", home.resolve("none").toString())));
        assertEquals(String.format(message, f), e.getMessage());
    }

    @Test
    void resolveWhenServiceFileMissingThenLibpqError() {
        Path f = home.resolve("missing.conf");
        ConnectionStringException e = assertThrows(ConnectionStringException.class,
                () -> PgSsl.settings("service=s", env("PGSERVICEFILE", f.toString())));
        assertEquals("service file \"" + f + "\" not found", e.getMessage());
    }

    // ---------------------------------------------------------------- .pgpass

    private Path pgpass(String content, String perms) throws IOException {
        Path p = file(".pgpass", content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    @Test
    void resolveWhenPgpassMatchesThenPasswordFromFile() throws IOException {
        pgpass("# c\nother:*:*:*:no\ndb.example:5432:app:alice:s3cr\\:et\n", "rw-------");
        ConnectionSettings s = PgSsl.settings("postgresql://alice@db.example/app", env());
        assertEquals("s3cr:et", s.password().orElseThrow().reveal());
        assertEquals(Optional.of(Origin.PASSWORD_FILE), s.origin("password"));
        assertTrue(s.warnings().isEmpty());
    }

    @Test
    void resolveWhenPgpassWildcardAndLocalhostThenMatchesDefaultSocket() throws IOException {
        pgpass("localhost:*:*:alice:pw1\n", "rw-------");
        assertEquals("pw1", PgSsl.settings("user=alice", env()).password().orElseThrow().reveal());
        assertEquals("pw1", PgSsl.settings("user=alice host=/var/run/postgresql", env()).password().orElseThrow().reveal());
        assertFalse(PgSsl.settings("user=alice host=/tmp", env()).password().isPresent());
    }

    @Test
    void resolveWhenPasswordGivenThenPgpassNotRead() throws IOException {
        pgpass("*:*:*:*:filepw\n", "rw-------");
        ConnectionSettings s = PgSsl.settings("user=u password=given", env());
        assertEquals("given", s.password().orElseThrow().reveal());
        assertEquals(Optional.of(Origin.EXPLICIT), s.origin("password"));
    }

    @Test
    void resolveWhenPgpassGroupReadableThenIgnoredWithWarning() throws IOException {
        Path p = pgpass("*:*:*:*:filepw\n", "rw-r-----");
        ConnectionSettings s = PgSsl.settings("user=u", env());
        assertFalse(s.password().isPresent());
        assertEquals(List.of("WARNING: password file \"" + p + "\" has group or world access; permissions should be u=rw (0600) or less"),
                s.warnings());
    }

    @Test
    void resolveWhenPassfileKeywordThenThatFile() throws IOException {
        Path p = file("other.pgpass", "h:*:*:*:fromother\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        ConnectionSettings s = PgSsl.settings("host=h user=u passfile=" + p, env());
        assertEquals("fromother", s.password().orElseThrow().reveal());
    }

    @Test
    void resolveWhenHostsHaveDifferentPgpassEntriesThenPerHost() throws IOException {
        pgpass("h1:*:*:*:one\nh2:5433:*:*:two\n", "rw-------");
        ConnectionSettings s = PgSsl.settings("postgresql://u@h1,h2:5433,h3/db", env());
        assertFalse(s.password().isPresent());
        assertEquals("one", s.passwordForHost(0).orElseThrow().reveal());
        assertEquals("two", s.passwordForHost(1).orElseThrow().reveal());
        assertFalse(s.passwordForHost(2).isPresent());
    }

    @Test
    void resolveWhenPgpassUsesHostaddrForEmptyHost() throws IOException {
        pgpass("10.0.0.1:*:*:*:byaddr\n", "rw-------");
        ConnectionSettings s = PgSsl.settings("hostaddr=10.0.0.1 user=u", env());
        assertEquals("byaddr", s.password().orElseThrow().reveal());
    }

    @Test
    void resolveWhenUserVariableThenItIsTheOsUser() {
        ConnectionSettings s = PgSsl.settings("", PgEnvironment.of(Map.of("USER", "bob"), null));
        assertValue(s, "user", "bob", Origin.DEFAULT);
        assertValue(s, "dbname", "bob", Origin.DEFAULT);
    }

    @Test
    void buildWhenBuilderReusedThenEarlierSettingsUnchanged() {
        ConnectionSettings.Builder b = ConnectionSettings.builder("test").set("host", "a", Origin.EXPLICIT);
        ConnectionSettings first = b.build();
        b.set("host", "b", Origin.EXPLICIT).driverOption("x", "y");
        assertEquals(Optional.of("a"), first.get("host"));
        assertTrue(first.driverOptions().isEmpty());
        assertEquals(Optional.of("b"), b.build().get("host"));
    }

    @Test
    void resolveWhenEnvironmentMapHasValuesThenOnlyLibpqVariablesRead() {
        ConnectionSettings s = PgSsl.settings("", PgEnvironment.of(Map.of("SSLMODE", "disable"), null));
        assertValue(s, "sslmode", "prefer", Origin.DEFAULT);
    }
}
