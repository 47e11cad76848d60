package io.github.pgssl.benchmarks.connect;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.DriverInfo;

/** pgjdbc: {@code PGSimpleDataSource} with sslmode/sslrootcert, against pgssl's {@code DataSource}. */
public final class JdbcPaths implements DriverPaths {

    @Override
    public String driver() {
        return "pgjdbc " + DriverInfo.DRIVER_VERSION;
    }

    /** The data source an application would configure by hand. */
    public static DataSource nativeDataSource(Mode mode, Target t) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {t.host()});
        ds.setPortNumbers(new int[] {t.port()});
        ds.setDatabaseName(t.database());
        ds.setUser(t.user());
        if (t.hasPassword()) {
            ds.setPassword(t.password());
        }
        ds.setSslMode(mode.sslmode());
        if (mode.verifies()) {
            ds.setSslRootCert(t.rootCert(mode).toString());
        }
        return ds;
    }

    /** The data source pgssl builds from the libpq URI; the environment is empty so nothing else leaks in. */
    public static DataSource pgsslDataSource(Mode mode, Target t) {
        return PgSsl.configure(t.uri(mode), DataSource.class, PgEnvironment.empty());
    }

    @Override
    public Connector nativePath(Mode mode, Target t) {
        DataSource ds = nativeDataSource(mode, t);
        return () -> selectOne(ds);
    }

    @Override
    public Connector pgsslPath(Mode mode, Target t) {
        DataSource ds = pgsslDataSource(mode, t);
        return () -> selectOne(ds);
    }

    static void selectOne(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new IllegalStateException("SELECT 1 did not return 1");
            }
        }
    }
}
