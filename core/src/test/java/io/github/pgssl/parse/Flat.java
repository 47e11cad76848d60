package io.github.pgssl.parse;

import io.github.pgssl.ConnectionSettings;

import java.util.Map;
import java.util.TreeMap;

/** Test view of settings: one sorted map of keyword=value, secrets revealed, options prefixed. */
final class Flat {
    private Flat() {
    }

    static Map<String, String> of(ConnectionSettings s) {
        Map<String, String> m = new TreeMap<>(s.keywords());
        for (String k : s.secretKeywords()) {
            m.put(k, s.secret(k).orElseThrow().reveal());
        }
        s.driverOptions().forEach((k, v) -> m.put("driver:" + k, v));
        s.pgsslOptions().forEach((k, v) -> m.put("pgssl:" + k, v));
        return m;
    }

    /**
     * Expected values written as {@code key=value|key=value}; a value may contain {@code =}.
     * The empty string means no keyword at all.
     */
    static Map<String, String> expected(String spec) {
        Map<String, String> m = new TreeMap<>();
        if (spec.isEmpty()) {
            return m;
        }
        for (String pair : spec.split("\\|", -1)) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return m;
    }
}
