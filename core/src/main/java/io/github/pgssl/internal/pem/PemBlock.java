package io.github.pgssl.internal.pem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One {@code -----BEGIN X-----} ... {@code -----END X-----} block of a PEM file. Not API.
 *
 * <p>Scanning is done here, with the JDK only, so plain certificate bundles never load
 * BouncyCastle (spec performance.md: cold start).
 */
public record PemBlock(String type, boolean hasHeaders, String text, byte[] der) {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";

    /** Whether the bytes look like PEM text (a BEGIN line somewhere near the start or anywhere). */
    public static boolean isPem(byte[] content) {
        return indexOf(content, BEGIN.getBytes(StandardCharsets.US_ASCII)) >= 0;
    }

    /**
     * All blocks, in file order; text outside blocks is ignored, as OpenSSL ignores it.
     *
     * @throws IllegalArgumentException when a block is not terminated or its base64 is invalid
     *         (e.g. a half-written file)
     */
    public static List<PemBlock> parseAll(byte[] content) {
        String s = new String(content, StandardCharsets.ISO_8859_1);
        List<PemBlock> out = new ArrayList<>();
        int pos = 0;
        while (true) {
            int b = s.indexOf(BEGIN, pos);
            if (b < 0) {
                return out;
            }
            int typeEnd = s.indexOf("-----", b + BEGIN.length());
            if (typeEnd < 0) {
                throw new IllegalArgumentException("unterminated PEM BEGIN line");
            }
            String type = s.substring(b + BEGIN.length(), typeEnd);
            String endMarker = END + type + "-----";
            int e = s.indexOf(endMarker, typeEnd + 5);
            if (e < 0) {
                throw new IllegalArgumentException("PEM block \"" + type + "\" has no END line (truncated file?)");
            }
            String body = s.substring(typeEnd + 5, e);
            boolean headers = false;
            StringBuilder b64 = new StringBuilder(body.length());
            if (body.contains("Proc-Type:") || body.contains("DEK-Info:")) {
                headers = true;
                int blank = body.indexOf("\n\n");
                int cut = blank >= 0 ? blank : body.indexOf("\r\n\r\n");
                body = cut >= 0 ? body.substring(cut) : "";
            }
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c > ' ') {
                    b64.append(c);
                }
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(b64.toString());
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("PEM block \"" + type + "\" has invalid base64", x);
            }
            out.add(new PemBlock(type, headers, s.substring(b, e + endMarker.length()), der));
            pos = e + endMarker.length();
        }
    }

    /** Only the block type and size: a block may hold a private key, which must never be printed. */
    @Override
    public String toString() {
        return "PemBlock[" + type + ", " + der.length + " bytes]";
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
