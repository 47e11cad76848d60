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

    /**
     * A driver error too vague to classify (Vert.x reports only "SSL handshake failed") takes the
     * diagnosis of the probe step that failed on the same server, and says so.
     */
    DriverResult explainedBy(ProbeReport probe) {
        if (connected) {
            return this;
        }
        for (Step s : probe.steps) {
            if (s.status() != Step.Status.FAIL || s.hint() == null) {
                continue;
            }
            String d = switch (s.name()) {
                case "chain" -> Hints.Diagnosis.UNTRUSTED_CHAIN.id;
                case "hostname" -> Hints.Diagnosis.HOSTNAME_MISMATCH.id;
                case "ssl_request" -> Hints.Diagnosis.SERVER_WITHOUT_TLS.id;
                default -> null;
            };
            if (d == null) {
                continue;
            }
            if (Hints.Diagnosis.OTHER.id.equals(diagnosis)) {
                return new DriverResult(driver, false, null, null, null, null, error, errorType, d,
                        Hints.forDiagnosis(d, probe.target.host()) + " (diagnosed by the probe: " + s.name() + " failed)", millis);
            }
            if (d.equals(diagnosis) && !s.hint().equals(hint)) {
                // The probe saw the certificate, so its hint can name the right CA or host.
                return new DriverResult(driver, false, null, null, null, null, error, errorType, diagnosis,
                        hint + "; here: " + s.hint(), millis);
            }
        }
        return this;
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
