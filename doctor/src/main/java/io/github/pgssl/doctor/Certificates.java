package io.github.pgssl.doctor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain-value descriptions of certificates for reports. */
final class Certificates {
    private Certificates() {
    }

    /** The subject in RFC 2253 form. */
    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    /** The issuer in RFC 2253 form. */
    static String issuer(X509Certificate c) {
        return c.getIssuerX500Principal().getName();
    }

    /** dNSName and iPAddress SANs, written {@code DNS:x} / {@code IP:x}. */
    static List<String> subjectAltNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2) {
                        out.add("DNS:" + san.get(1));
                    } else if (type == 7) {
                        out.add("IP:" + san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            out.add("(unreadable subjectAltName: " + e.getMessage() + ")");
        }
        return out;
    }

    /** The names a client could connect with: DNS and IP SANs, else the CN. */
    static List<String> hostNames(X509Certificate c) {
        List<String> names = new ArrayList<>();
        for (String san : subjectAltNames(c)) {
            if (san.startsWith("DNS:") || san.startsWith("IP:")) {
                names.add(san.substring(san.indexOf(':') + 1));
            }
        }
        if (names.isEmpty()) {
            String cn = commonName(c);
            if (cn != null) {
                names.add(cn);
            }
        }
        return names;
    }

    /** The first CN of the subject, or null. */
    static String commonName(X509Certificate c) {
        for (String rdn : subject(c).split(",")) {
            String t = rdn.trim();
            if (t.regionMatches(true, 0, "CN=", 0, 3)) {
                return t.substring(3);
            }
        }
        return null;
    }

    static boolean selfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    static String sha256(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** A JSON-ready description. */
    static Map<String, Object> describe(X509Certificate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", subject(c));
        m.put("issuer", issuer(c));
        m.put("subject_alt_names", subjectAltNames(c));
        m.put("not_after", Instant.ofEpochMilli(c.getNotAfter().getTime()).toString());
        m.put("expired", c.getNotAfter().getTime() < System.currentTimeMillis());
        m.put("sha256", sha256(c));
        return m;
    }
}
