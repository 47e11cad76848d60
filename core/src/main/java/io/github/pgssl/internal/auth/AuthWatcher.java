package io.github.pgssl.internal.auth;

import io.github.pgssl.spi.AuthenticationGuard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.SSLEngine;

/**
 * Reads the server's startup messages (decrypted) until {@code AuthenticationOk} or an error, and
 * asks the {@link AuthenticationGuard} about each authentication request. Not API.
 */
public final class AuthWatcher {
    private static final int MAX_BODY = 4096;

    private final AuthenticationGuard guard;
    private final SSLEngine engine;
    private final byte[] header = new byte[5];
    private int headerFill;
    private int bodyLength = -1;
    private int bodyRead;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean finished;
    private boolean done;

    /** Watches {@code engine}'s inbound messages for {@code guard}. */
    public AuthWatcher(AuthenticationGuard guard, SSLEngine engine) {
        this.guard = guard;
        this.engine = engine;
    }

    /** Whether there is nothing left to watch (authentication ended or the server sent an error). */
    public boolean done() {
        return done;
    }

    /** Whether the next byte starts a message. */
    public boolean atBoundary() {
        return headerFill == 0 && bodyLength < 0;
    }

    /** A refusal of the message that ends at this byte, or {@code null}. */
    public String feed(byte b) {
        if (done) {
            return null;
        }
        if (bodyLength < 0) {
            header[headerFill++] = b;
            if (headerFill < 5) {
                return null;
            }
            int len = ((header[1] & 0xff) << 24) | ((header[2] & 0xff) << 16) | ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            bodyLength = Math.max(0, len - 4);
            bodyRead = 0;
            body.reset();
            if (header[0] != 'R') {
                // ErrorResponse (or anything unexpected): the driver reports it; nothing more to check.
                if (header[0] == 'E') {
                    done = true;
                    return null;
                }
            }
            return bodyLength == 0 ? complete() : null;
        }
        if (bodyRead < MAX_BODY) {
            body.write(b);
        }
        bodyRead++;
        return bodyRead == bodyLength ? complete() : null;
    }

    private String complete() {
        byte type = header[0];
        headerFill = 0;
        bodyLength = -1;
        if (type != 'R') {
            return null;
        }
        byte[] p = body.toByteArray();
        if (p.length < 4) {
            return null;
        }
        int code = ((p[0] & 0xff) << 24) | ((p[1] & 0xff) << 16) | ((p[2] & 0xff) << 8) | (p[3] & 0xff);
        Set<String> mechanisms = new LinkedHashSet<>();
        if (code == 10) {
            int start = 4;
            for (int i = 4; i < p.length; i++) {
                if (p[i] == 0) {
                    if (i > start) {
                        mechanisms.add(new String(p, start, i - start, StandardCharsets.US_ASCII));
                    }
                    start = i + 1;
                }
            }
        }
        String refusal = guard.check(code, mechanisms, finished, engine);
        if (code == 3 || code == 5 || code == 12) {
            finished = true;
        }
        if (code == 0 || refusal != null) {
            done = true;
        }
        return refusal;
    }

    /** A FATAL {@code ErrorResponse} carrying {@code message}, as the server would send it. */
    public static byte[] errorResponse(String message) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        field(fields, 'S', "FATAL");
        field(fields, 'V', "FATAL");
        field(fields, 'C', AuthenticationGuard.SQLSTATE);
        field(fields, 'M', message);
        fields.write(0);
        byte[] f = fields.toByteArray();
        int len = f.length + 4;
        byte[] out = new byte[len + 1];
        out[0] = 'E';
        out[1] = (byte) (len >>> 24);
        out[2] = (byte) (len >>> 16);
        out[3] = (byte) (len >>> 8);
        out[4] = (byte) len;
        System.arraycopy(f, 0, out, 5, f.length);
        return out;
    }

    private static void field(ByteArrayOutputStream out, char type, String value) {
        out.write(type);
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }
}
