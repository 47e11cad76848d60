package io.github.pgssl.internal.tls;

import io.github.pgssl.TlsVerificationException;
import io.github.pgssl.TlsVerificationException.Reason;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Verifies a server chain the way OpenSSL does for libpq: the path must end at a self-signed
 * anchor of the trust source; intermediates may come from the server or from the root file;
 * with CRLs, every certificate of the path needs a CRL from its issuer (CRL_CHECK_ALL). Not API.
 */
final class ChainVerifier {
    private static final int MAX_DEPTH = 16;
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EKU = "2.5.29.37.0";

    private ChainVerifier() {
    }

    static void verifyChain(Snapshot s, X509Certificate[] chain) throws TlsVerificationException {
        if (chain == null || chain.length == 0) {
            throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: the server sent no certificate");
        }
        X509Certificate leaf = chain[0];
        List<X509Certificate> path = new ArrayList<>();
        TrustAnchor anchor = null;
        X509Certificate cur = leaf;
        for (int depth = 0; depth < MAX_DEPTH && anchor == null; depth++) {
            TrustAnchor self = anchorEqualTo(s.anchors(), cur);
            if (self != null) {
                anchor = self;
                break;
            }
            path.add(cur);
            anchor = anchorIssuing(s.anchors(), cur);
            if (anchor != null) {
                break;
            }
            X509Certificate next = issuerAmong(cur, chain, s.intermediates(), path);
            if (next == null) {
                break;
            }
            cur = next;
        }
        if (anchor == null) {
            X509Certificate last = path.get(path.size() - 1);
            throw new TlsVerificationException(Reason.UNTRUSTED, "certificate verify failed: unable to get local issuer certificate: server certificate \""
                    + name(leaf.getSubjectX500Principal()) + "\" does not chain to a self-signed CA in " + s.trustName()
                    + " (the chain ends at issuer \"" + name(last.getIssuerX500Principal()) + "\")");
        }
        checkPurpose(leaf);
        if (path.isEmpty()) {
            // the server's certificate is itself a trusted self-signed certificate
            checkDates(leaf);
            return;
        }
        checkIssuingAnchor(anchor.getTrustedCert());
        checkAnchorNameConstraints(anchor.getTrustedCert(), path);
        validate(s, path, anchor);
    }

    /**
     * OpenSSL checks the root like every CA of the chain (x509_vfy.c {@code check_chain_extensions},
     * {@code internal_verify}, {@code check_name_constraints}); Java's PKIX trusts an anchor blindly,
     * so a root that is expired, not yet valid, not a CA, or may not sign certificates is checked
     * here, with OpenSSL's reason. Its name constraints go to PKIX through the anchor.
     */
    private static void checkIssuingAnchor(X509Certificate ca) throws TlsVerificationException {
        if (!isCa(ca)) {
            throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: invalid CA certificate: \""
                    + name(ca.getSubjectX500Principal()) + "\" signs the chain but is not a CA (basicConstraints CA:FALSE)");
        }
        boolean[] ku = ca.getKeyUsage();
        if (ku != null && (ku.length <= KEY_CERT_SIGN || !ku[KEY_CERT_SIGN])) {
            throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: key usage does not include "
                    + "certificate signing: \"" + name(ca.getSubjectX500Principal()) + "\" signs the chain but its keyUsage lacks keyCertSign");
        }
        checkDates(ca);
    }

    private static final int KEY_CERT_SIGN = 5;
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    static final String NAME_CONSTRAINTS = "2.5.29.30";

    /** OpenSSL's {@code X509_check_ca} (non-strict): basicConstraints decide; else a self-signed v1 certificate, or keyCertSign. */
    static boolean isCa(X509Certificate c) {
        if (c.getExtensionValue(BASIC_CONSTRAINTS) != null) {
            return c.getBasicConstraints() >= 0;
        }
        if (c.getVersion() == 1 && c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return true;
        }
        boolean[] ku = c.getKeyUsage();
        return ku != null && ku.length > KEY_CERT_SIGN && ku[KEY_CERT_SIGN];
    }

    /**
     * The root's name constraints over every certificate below it, as OpenSSL's
     * {@code check_name_constraints} applies them; see {@link NameConstraintChecks}. BouncyCastle
     * (a signed jar, whose first class load costs a signature check) is touched only when the root
     * has name constraints.
     */
    private static void checkAnchorNameConstraints(X509Certificate ca, List<X509Certificate> path) throws TlsVerificationException {
        if (ca.getExtensionValue(NAME_CONSTRAINTS) != null) {
            NameConstraintChecks.checkAnchor(ca, path);
        }
    }

    private static void validate(Snapshot s, List<X509Certificate> path, TrustAnchor anchor) throws TlsVerificationException {
        try {
            CertPathValidator cpv = CertPathValidator.getInstance("PKIX");
            PKIXParameters params = new PKIXParameters(Set.of(anchor));
            params.setDate(new Date());
            if (s.crls() != null) {
                params.setRevocationEnabled(true);
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(s.crls())));
                PKIXRevocationChecker rc = (PKIXRevocationChecker) cpv.getRevocationChecker();
                rc.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
                params.addCertPathChecker(rc);
            } else {
                params.setRevocationEnabled(false);
            }
            cpv.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (CertPathValidatorException e) {
            int i = e.getIndex();
            X509Certificate bad = i >= 0 && i < path.size() ? path.get(i) : path.get(0);
            String subject = name(bad.getSubjectX500Principal());
            if (e.getReason() == BasicReason.EXPIRED) {
                throw new TlsVerificationException(Reason.EXPIRED, "certificate verify failed: certificate has expired: \""
                        + subject + "\" was valid until " + bad.getNotAfter().toInstant(), e);
            }
            if (e.getReason() == BasicReason.NOT_YET_VALID) {
                throw new TlsVerificationException(Reason.NOT_YET_VALID, "certificate verify failed: certificate is not yet valid: \""
                        + subject + "\" is valid from " + bad.getNotBefore().toInstant(), e);
            }
            if (e.getReason() == BasicReason.REVOKED) {
                throw new TlsVerificationException(Reason.REVOKED, "certificate verify failed: certificate revoked: \""
                        + subject + "\" (serial " + bad.getSerialNumber().toString(16) + ") is listed in a CRL from sslcrl/sslcrldir", e);
            }
            if (e.getReason() == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                throw new TlsVerificationException(Reason.REVOCATION_UNKNOWN, "certificate verify failed: unable to get certificate CRL: no CRL from \""
                        + name(bad.getIssuerX500Principal()) + "\" for \"" + subject
                        + "\" in sslcrl/sslcrldir; with sslcrl or sslcrldir set, every CA of the chain needs a CRL", e);
            }
            if (e.getReason() == PKIXReason.NOT_CA_CERT) {
                throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: invalid CA certificate: \""
                        + subject + "\" signs the chain but is not a CA (basicConstraints CA:FALSE)", e);
            }
            if (e.getReason() == PKIXReason.INVALID_KEY_USAGE) {
                throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: key usage does not include "
                        + "certificate signing: \"" + subject + "\" signs the chain but its keyUsage lacks keyCertSign", e);
            }
            if (e.getReason() == PKIXReason.INVALID_NAME) {
                X509Certificate leaf = path.get(0);
                throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: " + NameConstraintChecks.subtreeViolation(path, anchor)
                        + ": \"" + name(leaf.getSubjectX500Principal()) + "\" is outside the name constraints of its CA", e);
            }
            throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: \"" + subject + "\": " + e.getMessage(), e);
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | CertificateException e) {
            throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: " + e.getMessage(), e);
        }
    }


    private static void checkDates(X509Certificate c) throws TlsVerificationException {
        try {
            c.checkValidity();
        } catch (CertificateExpiredException e) {
            // no cause: a driver that reports the deepest CertificateException would show the JDK's "NotAfter: ..."
            throw new TlsVerificationException(Reason.EXPIRED, "certificate verify failed: certificate has expired: \""
                    + name(c.getSubjectX500Principal()) + "\" was valid until " + c.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new TlsVerificationException(Reason.NOT_YET_VALID, "certificate verify failed: certificate is not yet valid: \""
                    + name(c.getSubjectX500Principal()) + "\" is valid from " + c.getNotBefore().toInstant());
        }
    }

    /** OpenSSL's "sslserver" purpose: an extended key usage, when present, must allow serverAuth. */
    private static void checkPurpose(X509Certificate leaf) throws TlsVerificationException {
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: " + e.getMessage(), e);
        }
        if (eku != null && !eku.contains(SERVER_AUTH) && !eku.contains(ANY_EKU)) {
            throw new TlsVerificationException(Reason.INVALID_CHAIN, "certificate verify failed: unsupported certificate purpose: \""
                    + name(leaf.getSubjectX500Principal()) + "\" is not valid for TLS server authentication");
        }
    }

    private static TrustAnchor anchorEqualTo(List<TrustAnchor> anchors, X509Certificate c) {
        for (TrustAnchor a : anchors) {
            if (a.getTrustedCert().equals(c)) {
                return a;
            }
        }
        return null;
    }

    private static TrustAnchor anchorIssuing(List<TrustAnchor> anchors, X509Certificate c) {
        X500Principal issuer = c.getIssuerX500Principal();
        for (TrustAnchor a : anchors) {
            X509Certificate ca = a.getTrustedCert();
            if (ca.getSubjectX500Principal().equals(issuer) && signedBy(c, ca)) {
                return a;
            }
        }
        return null;
    }

    private static X509Certificate issuerAmong(X509Certificate c, X509Certificate[] sent, List<X509Certificate> fromFile,
                                               List<X509Certificate> used) {
        X500Principal issuer = c.getIssuerX500Principal();
        if (issuer.equals(c.getSubjectX500Principal())) {
            return null; // self-signed but not trusted: the chain ends here
        }
        for (int i = 1; i < sent.length; i++) {
            if (!used.contains(sent[i]) && sent[i].getSubjectX500Principal().equals(issuer) && signedBy(c, sent[i])) {
                return sent[i];
            }
        }
        for (X509Certificate f : fromFile) {
            if (!used.contains(f) && f.getSubjectX500Principal().equals(issuer) && signedBy(c, f)) {
                return f;
            }
        }
        return null;
    }

    static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Pin check: the leaf's certificate or SubjectPublicKeyInfo SHA-256 must be pinned. */
    static void verifyPin(Snapshot s, X509Certificate[] chain) throws TlsVerificationException {
        if (chain == null || chain.length == 0) {
            throw new TlsVerificationException(Reason.PIN_MISMATCH, "certificate verify failed: the server sent no certificate");
        }
        X509Certificate leaf = chain[0];
        String certHash;
        String keyHash;
        try {
            certHash = sha256Hex(leaf.getEncoded());
            keyHash = sha256Hex(leaf.getPublicKey().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new TlsVerificationException(Reason.PIN_MISMATCH, "certificate verify failed: " + e.getMessage(), e);
        }
        if (s.pins().contains(certHash) || s.pins().contains(keyHash)) {
            return;
        }
        throw new TlsVerificationException(Reason.PIN_MISMATCH, "certificate verify failed: server certificate \""
                + name(leaf.getSubjectX500Principal()) + "\" matches no pinned SHA-256 fingerprint (certificate " + certHash
                + ", public key " + keyHash + "); update pgssl.pin");
    }

    static String sha256Hex(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String name(X500Principal p) {
        return p.getName(X500Principal.RFC2253);
    }
}
