package io.github.pgssl.doctor;

import io.github.pgssl.PgEnvironment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a probe: the debug endpoint's JSON shape (extended per driver) or a readable report. */
final class Report {
    private Report() {
    }

    static Map<String, Object> probeJson(Explanation ex, boolean fromEnv, ProbeReport probe, List<ProbeReport> probes,
                                         Map<String, DriverResult> results, PgEnvironment env) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> environment = new LinkedHashMap<>();
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("DATABASE_URL", fromEnv ? ex.input : env.get("DATABASE_URL").isPresent() ? "(set, not used)" : null);
        vars.put("DATABASE_URL_TYPE", ex.explicit == null ? null : ex.explicit.dialect());
        vars.put("DATABASE_URL_SSL", ex.merged.get("sslmode").orElse(Explanation.kind(ex.policy)));
        vars.put("PGSSL_STRATEGY", env.get("PGSSL_STRATEGY").orElse(null));
        environment.put("variables", vars);
        environment.put("source", fromEnv ? "DATABASE_URL" : "argument");
        environment.put("java", System.getProperty("java.version"));
        m.put("environment", environment);
        m.put("input", ex.input);
        m.put("settings", Explanation.settingsMap(ex.explicit));
        m.put("policy", Explanation.policyMap(ex.policy, ex.merged));
        m.put("probe", probe.json());
        if (probes.size() > 1) {
            List<Object> all = new ArrayList<>();
            for (ProbeReport p : probes) {
                all.add(p.json());
            }
            m.put("probes", all);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        results.forEach((k, v) -> d.put(k, v.json()));
        m.put("drivers", d);
        m.put("ok", results.values().stream().allMatch(DriverResult::connected));
        return m;
    }

    static String probeText(Explanation ex, List<ProbeReport> probes, Map<String, DriverResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("pgssl doctor: ").append(ex.input).append('\n');
        sb.append("Policy: ").append(Explanation.kind(ex.policy)).append(" (strategy ").append(ex.policy.strategy()).append(")\n");
        for (String line : Explanation.summary(ex.policy, ex.merged)) {
            sb.append("  - ").append(line).append('\n');
        }
        if (probes.size() > 1) {
            sb.append("\nThe list has ").append(probes.size()).append(" hosts. libpq (and the drivers) try them in order, moving on only"
                    + " when a host cannot be reached (or target_session_attrs rejects it); a TLS or authentication failure is final.\n");
        }
        for (ProbeReport probe : probes) {
            sb.append("\nProbe of ").append(probe.target.display()).append('\n');
            if (probe.target.note() != null) {
                sb.append("  note: ").append(probe.target.note()).append('\n');
            }
            for (Step s : probe.steps) {
                String[] lines = s.detail().split("\n");
                sb.append(String.format("  [%-4s] %-12s %s%n", s.status(), s.name(), lines[0]));
                for (int i = 1; i < lines.length; i++) {
                    sb.append(String.format("  %6s %-12s %s%n", "", "", lines[i]));
                }
                if (s.hint() != null) {
                    sb.append(String.format("  %6s %-12s hint: %s%n", "", "", s.hint()));
                }
            }
        }
        sb.append("\nDrivers\n");
        sb.append(String.format("  %-6s %-7s %-4s %-8s %-24s %s%n", "driver", "result", "ssl", "tls", "cipher", "server"));
        for (DriverResult r : results.values()) {
            sb.append(String.format("  %-6s %-7s %-4s %-8s %-24s %s%n", r.driver(), r.connected() ? "OK" : "FAILED",
                    r.ssl() == null ? "-" : r.ssl() ? "yes" : "no", nz(r.tlsVersion()), nz(r.cipher()), shortVersion(r.version())));
            if (!r.connected()) {
                sb.append("         error: ").append(r.error()).append('\n');
                sb.append("         hint:  ").append(r.hint()).append('\n');
            } else if (Boolean.FALSE.equals(r.ssl()) && !(ex.policy instanceof io.github.pgssl.SslPolicy.Disabled)) {
                sb.append("         note:  connected WITHOUT TLS (the policy allows a plaintext fallback)\n");
            }
        }
        boolean ok = results.values().stream().allMatch(DriverResult::connected);
        sb.append('\n').append(ok ? "Result: every driver connected." : "Result: a connection failed (see the hints above).").append('\n');
        return sb.toString();
    }

    static String nz(String s) {
        return s == null ? "-" : s;
    }

    /** "PostgreSQL 17.5 on x86_64-pc-linux-gnu, ..." becomes "PostgreSQL 17.5". */
    static String shortVersion(String v) {
        if (v == null) {
            return "-";
        }
        int on = v.indexOf(" on ");
        return on > 0 ? v.substring(0, on) : v;
    }
}
