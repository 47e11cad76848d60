package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.Secret;

/** Builds ConnectionSettings for unit tests without the parser: {@code "host=a port=1"} (no quoting). */
final class Settings {
    private Settings() {
    }

    static ConnectionSettings of(String keywordValue) {
        ConnectionSettings.Builder b = ConnectionSettings.builder("keyword-value");
        for (String pair : keywordValue.trim().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = pair.substring(0, eq);
            String v = pair.substring(eq + 1);
            if (k.equals("password") || k.equals("sslpassword")) {
                b.setSecret(k, Secret.of(v), ConnectionSettings.Origin.EXPLICIT);
            } else {
                b.set(k, v, ConnectionSettings.Origin.EXPLICIT);
            }
        }
        return b.build();
    }
}
