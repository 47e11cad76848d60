package io.github.pgssl.r2dbc;

import io.github.pgssl.Endpoint;
import io.github.pgssl.SslPolicy;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** r2dbc-postgresql reads ${user.home}/.postgresql/postgresql.{crt,pk8} itself; pgssl must not be broken by them. */
class DriverDefaultFilesTest {
    @TempDir
    Path home;
    private String savedHome;

    @BeforeEach
    void pgjdbcStyleFilesInUserHome() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".postgresql"));
        Files.writeString(dir.resolve("postgresql.crt"), "not a certificate\n");
        Files.write(dir.resolve("postgresql.pk8"), new byte[] {0x30, (byte) 0x82, 0x01, 0x00, 0x02, 0x01, 0x00});
        savedHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.setProperty("user.home", savedHome);
    }

    @Test
    void driverAloneWhenDefaultFilesUnreadableThenBuildFails() {
        assertThrows(IllegalArgumentException.class, () -> PostgresqlConnectionConfiguration.builder().host("h").username("u")
                .sslMode(SSLMode.REQUIRE).build());
    }

    @Test
    void tlsConfigurationWhenDefaultFilesUnreadableThenBuildsWithPlaceholders() {
        io.github.pgssl.ConnectionPlan plan = io.github.pgssl.ConnectionPlan.of(Settings.of("host=db.example.com user=u"),
                SslPolicy.noVerify());
        assertDoesNotThrow(() -> DriverConfigurations.tls(plan, plan.hosts().get(0), ConnectionFactoryOptions.builder().build(),
                (SslPolicy.Tls) SslPolicy.noVerify(), () -> {
                    throw new AssertionError("material is only needed at handshake time");
                }));
    }
}
