package io.github.pgssl.internal.pem;

import io.github.pgssl.Secret;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads certificates and CRLs by content (PEM bundle in any order, DER, or PKCS#12 for
 * certificates), never by file extension. Plain certificates go through the JDK's
 * {@link CertificateFactory}. Not API.
 */
public final class CertificateReader {
    private CertificateReader() {
    }

    /**
     * Every certificate in {@code content}.
     *
     * @param password for a PKCS#12 file; may be null
     * @throws IllegalArgumentException with a short reason when nothing can be read
     */
    public static List<X509Certificate> certificates(byte[] content, Secret password) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            if (PemBlock.isPem(content)) {
                for (PemBlock b : PemBlock.parseAll(content)) {
                    if (b.type().equals("CERTIFICATE") || b.type().equals("X509 CERTIFICATE")) {
                        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
                    } else if (b.type().equals("TRUSTED CERTIFICATE")) {
                        // OpenSSL's "trusted certificate" is a certificate followed by trust settings;
                        // the JDK reads the leading certificate of the DER.
                        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
                    }
                }
                if (out.isEmpty()) {
                    throw new IllegalArgumentException("no CERTIFICATE block found");
                }
                return out;
            }
            if (content.length > 0 && content[0] == 0x30) {
                try {
                    for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(content))) {
                        out.add((X509Certificate) c);
                    }
                    if (!out.isEmpty()) {
                        return out;
                    }
                } catch (CertificateException notDer) {
                    // maybe PKCS#12: tried below
                }
                List<X509Certificate> fromP12;
                try {
                    fromP12 = pkcs12Certificates(content, password);
                } catch (Pkcs12.BadPasswordException e) {
                    throw new IllegalArgumentException("bad decrypt (PKCS#12); check sslpassword");
                }
                if (!fromP12.isEmpty()) {
                    return fromP12;
                }
            }
            throw new IllegalArgumentException("not a PEM, DER or PKCS#12 certificate file");
        } catch (CertificateException e) {
            throw new IllegalArgumentException("invalid certificate: " + e.getMessage(), e);
        }
    }

    /** Every CRL in {@code content} (PEM {@code X509 CRL} blocks or one DER CRL). */
    public static List<X509CRL> crls(byte[] content) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509CRL> out = new ArrayList<>();
            if (PemBlock.isPem(content)) {
                for (PemBlock b : PemBlock.parseAll(content)) {
                    if (b.type().equals("X509 CRL")) {
                        out.add((X509CRL) cf.generateCRL(new ByteArrayInputStream(b.der())));
                    }
                }
            } else if (content.length > 0 && content[0] == 0x30) {
                for (CRL c : cf.generateCRLs(new ByteArrayInputStream(content))) {
                    out.add((X509CRL) c);
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no CRL found");
            }
            return out;
        } catch (java.security.cert.CRLException | CertificateException e) {
            throw new IllegalArgumentException("invalid CRL: " + e.getMessage(), e);
        }
    }

    /** The certificates of a PKCS#12 file (key entries' chains first), or empty when it is not one. */
    static List<X509Certificate> pkcs12Certificates(byte[] content, Secret password) {
        KeyStore ks = Pkcs12.load(content, password);
        if (ks == null) {
            return List.of();
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    Certificate[] chain = ks.getCertificateChain(alias);
                    if (chain != null) {
                        for (Certificate c : chain) {
                            out.add((X509Certificate) c);
                        }
                    }
                }
            }
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isCertificateEntry(alias)) {
                    out.add((X509Certificate) ks.getCertificate(alias));
                }
            }
            return out;
        } catch (java.security.KeyStoreException e) {
            return List.of();
        }
    }
}
