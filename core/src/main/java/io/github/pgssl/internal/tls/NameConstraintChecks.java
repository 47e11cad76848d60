package io.github.pgssl.internal.tls;

import static io.github.pgssl.internal.tls.ChainVerifier.NAME_CONSTRAINTS;
import static io.github.pgssl.internal.tls.ChainVerifier.name;

import io.github.pgssl.TlsVerificationException;
import io.github.pgssl.TlsVerificationException.Reason;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Name constraints through BouncyCastle's RFC 5280 validator, apart from {@link ChainVerifier} so
 * that verifying a chain without name constraints never loads a BouncyCastle class (bcprov is a
 * signed jar: its first class load checks the jar's signature, a few hundred milliseconds of a
 * cold start).
 */
final class NameConstraintChecks {
    private NameConstraintChecks() {
    }

    /**
     * The root's name constraints over every certificate below it, as OpenSSL's
     * {@code check_name_constraints} applies them (Java's PKIX refuses an anchor with name
     * constraints: "name constraints in trust anchor not supported"). The subject DN and every
     * subjectAltName are checked; BouncyCastle's validator implements RFC 5280's matching.
     */
    static void checkAnchor(X509Certificate ca, List<X509Certificate> path) throws TlsVerificationException {
        byte[] ext = ca.getExtensionValue(NAME_CONSTRAINTS);
        if (ext == null) {
            return;
        }
        org.bouncycastle.asn1.x509.PKIXNameConstraintValidator v = new org.bouncycastle.asn1.x509.PKIXNameConstraintValidator();
        try {
            org.bouncycastle.asn1.x509.NameConstraints nc = org.bouncycastle.asn1.x509.NameConstraints.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets());
            if (nc.getPermittedSubtrees() != null) {
                v.intersectPermittedSubtree(nc.getPermittedSubtrees());
            }
            if (nc.getExcludedSubtrees() != null) {
                for (org.bouncycastle.asn1.x509.GeneralSubtree t : nc.getExcludedSubtrees()) {
                    v.addExcludedSubtree(t);
                }
            }
        } catch (RuntimeException e) {
            throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: unsupported or invalid name constraint "
                    + "in \"" + name(ca.getSubjectX500Principal()) + "\"", e);
        }
        for (X509Certificate c : path) {
            String subject = name(c.getSubjectX500Principal());
            org.bouncycastle.asn1.x500.X500Name dn = org.bouncycastle.asn1.x500.X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
            check(v, null, dn, subject, ca);
            byte[] san = c.getExtensionValue("2.5.29.17");
            if (san != null) {
                org.bouncycastle.asn1.x509.GeneralNames names = org.bouncycastle.asn1.x509.GeneralNames.getInstance(
                        org.bouncycastle.asn1.ASN1OctetString.getInstance(san).getOctets());
                for (org.bouncycastle.asn1.x509.GeneralName g : names.getNames()) {
                    check(v, g, null, subject, ca);
                }
            }
        }
    }

    private static void check(org.bouncycastle.asn1.x509.PKIXNameConstraintValidator v, org.bouncycastle.asn1.x509.GeneralName g,
                              org.bouncycastle.asn1.x500.X500Name dn, String subject, X509Certificate ca) throws TlsVerificationException {
        String what = g != null ? "name \"" + g.getName() + "\" of \"" + subject + "\"" : "\"" + subject + "\"";
        try {
            if (g != null) {
                v.checkPermitted(g);
            } else {
                v.checkPermittedDN(dn);
            }
        } catch (org.bouncycastle.asn1.x509.NameConstraintValidatorException e) {
            throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: permitted subtree violation: " + what
                    + " is outside the name constraints of \"" + name(ca.getSubjectX500Principal()) + "\"", e);
        }
        try {
            if (g != null) {
                v.checkExcluded(g);
            } else {
                v.checkExcludedDN(dn);
            }
        } catch (org.bouncycastle.asn1.x509.NameConstraintValidatorException e) {
            throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: excluded subtree violation: " + what
                    + " is excluded by the name constraints of \"" + name(ca.getSubjectX500Principal()) + "\"", e);
        }
    }

    /** OpenSSL's two texts: "excluded subtree violation" when the constraints only exclude, else "permitted subtree violation". */
    static String subtreeViolation(List<X509Certificate> path, TrustAnchor anchor) {
        boolean permitted = false;
        boolean excluded = false;
        List<X509Certificate> cas = new ArrayList<>(path.subList(1, path.size()));
        cas.add(anchor.getTrustedCert());
        for (X509Certificate c : cas) {
            byte[] ext = c.getExtensionValue(NAME_CONSTRAINTS);
            if (ext == null) {
                continue;
            }
            try {
                org.bouncycastle.asn1.x509.NameConstraints nc = org.bouncycastle.asn1.x509.NameConstraints.getInstance(
                        org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets());
                permitted |= nc.getPermittedSubtrees() != null;
                excluded |= nc.getExcludedSubtrees() != null;
            } catch (RuntimeException e) {
                permitted = true;
            }
        }
        return excluded && !permitted ? "excluded subtree violation" : "permitted subtree violation";
    }
}
