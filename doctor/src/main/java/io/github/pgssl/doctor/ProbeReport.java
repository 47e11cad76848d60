package io.github.pgssl.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The network probe's findings, in order. */
final class ProbeReport {
    final Target target;
    final List<Step> steps = new ArrayList<>();
    String sslAnswer;
    /** The diagnosis id of a failed TCP connect, or null. */
    String tcpDiagnosis;
    Probe.Observation tls;
    Boolean chainVerified;
    Boolean hostnameMatches;
    Boolean sniMattered;

    ProbeReport(Target target) {
        this.target = target;
    }

    void add(Step s) {
        steps.add(s);
    }

    /** Whether the TCP connect (the first step) failed. */
    boolean tcpFailed() {
        return !steps.isEmpty() && steps.get(0).name().equals("tcp") && steps.get(0).status() == Step.Status.FAIL;
    }

    boolean failed() {
        return steps.stream().anyMatch(s -> s.status() == Step.Status.FAIL);
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", target.host());
        m.put("address", target.address());
        m.put("port", target.port());
        m.put("note", target.note());
        m.put("ssl_request", sslAnswer);
        m.put("tls", tls == null ? null : tls.json());
        m.put("chain_verified", chainVerified);
        m.put("hostname_matches", hostnameMatches);
        m.put("sni_mattered", sniMattered);
        Map<String, Object> st = new LinkedHashMap<>();
        for (Step s : steps) {
            st.put(s.name(), s.json());
        }
        m.put("steps", st);
        return m;
    }
}
