package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.Secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Renders settings as a URI with secrets masked. Not API. */
public final class Redaction {
    private Redaction() {
    }

    public static String redactedUrl(ConnectionSettings s) {
        StringBuilder sb = new StringBuilder("postgresql://");
        s.get("user").ifPresent(u -> sb.append(enc(u)));
        if (s.password().isPresent()) {
            sb.append(':').append(Secret.MASK);
        }
        if (s.get("user").isPresent() || s.password().isPresent()) {
            sb.append('@');
        }
        String sep = "?";
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : s.keywords().entrySet()) {
            if (e.getKey().equals("user")) {
                continue;
            }
            q.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = "&";
        }
        for (String k : s.secretKeywords()) {
            if (k.equals("password")) {
                continue;
            }
            q.append(sep).append(enc(k)).append('=').append(Secret.MASK);
            sep = "&";
        }
        for (Map.Entry<String, String> e : s.pgsslOptions().entrySet()) {
            q.append(sep).append("pgssl.").append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = "&";
        }
        return sb.append(q).toString();
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
