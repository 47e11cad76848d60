package io.github.pgssl.testkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PostgresBinariesTest {

    @Test
    void atWhenNoPostgresThereThenNamesTheSettingAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostgresBinaries.at(Path.of("/nonexistent/pg/bin")));
        assertEquals("PG_BIN: \"/nonexistent/pg/bin\" holds no executable postgres; point it at a PostgreSQL bin directory "
                + "such as /usr/lib/postgresql/15/bin", e.getMessage());
    }

    @Test
    void hbaWhenWrittenThenRejectsComeBeforeTheCatchAllTrustLine() {
        String hba = ServerPresets.hba();
        int catchAll = hba.indexOf("host all all 127.0.0.1/32 trust");
        for (String db : new String[] {ServerPresets.SSL_DB, ServerPresets.NOSSL_DB, ServerPresets.CERT_DB, ServerPresets.VERIFY_DB}) {
            int reject = hba.indexOf("host " + db + " all 127.0.0.1/32 reject");
            assertEquals(true, reject >= 0 && reject < catchAll, db + " has no reject line before the catch-all");
        }
    }
}
