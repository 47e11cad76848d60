package io.github.pgssl.doctor;

import java.util.LinkedHashMap;
import java.util.Map;

/** One probe step: its outcome, what was seen, and the fix when it went wrong. */
record Step(String name, Status status, String detail, String hint) {

    enum Status { OK, WARN, FAIL, SKIP }

    static Step ok(String name, String detail) {
        return new Step(name, Status.OK, detail, null);
    }

    static Step warn(String name, String detail, String hint) {
        return new Step(name, Status.WARN, detail, hint);
    }

    static Step fail(String name, String detail, String hint) {
        return new Step(name, Status.FAIL, detail, hint);
    }

    static Step skip(String name, String detail) {
        return new Step(name, Status.SKIP, detail, null);
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name());
        m.put("detail", detail);
        m.put("hint", hint);
        return m;
    }
}
