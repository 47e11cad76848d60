package io.github.pgssl.doctor;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one driver's real connection showed: the debug endpoint's per-driver shape. */
record DriverResult(String driver, boolean connected, String version, Boolean ssl, String tlsVersion, String cipher,
                    String error, String errorType, String diagnosis, String hint, long millis) {

    static DriverResult ok(String driver, String version, Boolean ssl, String tlsVersion, String cipher, long millis) {
        return new DriverResult(driver, true, version, ssl, tlsVersion, cipher, null, null, null, null, millis);
    }

    static DriverResult failed(String driver, Throwable e, String host, long millis) {
        Hints.Diagnosis d = Hints.diagnose(e);
        return new DriverResult(driver, false, null, null, null, null, Hints.safeMessage(e),
                rootType(e), d.id, Hints.forFailure(e, host), millis);
    }

    private static String rootType(Throwable e) {
        return e.getClass().getName();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connection", connected ? "OK" : "Failed");
        m.put("version", version);
        m.put("ssl", ssl);
        m.put("tls_version", tlsVersion);
        m.put("cipher", cipher);
        m.put("error", error);
        m.put("error_type", errorType);
        m.put("diagnosis", diagnosis);
        m.put("hint", hint);
        m.put("millis", millis);
        return m;
    }
}
