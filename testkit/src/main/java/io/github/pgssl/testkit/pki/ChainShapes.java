package io.github.pgssl.testkit.pki;

import java.util.List;

/**
 * Server chains that OpenSSL (and so libpq) refuses although every signature is right, for
 * differential tests of chain verification: each names the root to trust (sslrootcert), the
 * certificate the server presents (with its intermediates), and OpenSSL's verify error text.
 * Plus one good chain as the control, and a certificate whose CN matches the host only under
 * Unicode case folding (libpq compares ASCII only). Server certificates name {@link TestPki#SERVER_NAME}.
 */
public final class ChainShapes {

    /**
     * One shape.
     *
     * @param name          what is wrong, for test names
     * @param root          the certificate to trust (write it as sslrootcert)
     * @param server        the server's certificate; {@link TestCertificate#chainPem()} holds its intermediates
     * @param reason        why libpq refuses it: OpenSSL's {@code X509_verify_cert_error_string}, or libpq's
     *                      host name error; {@code null} for the good chain
     * @param host          the host name to verify (verify-full)
     */
    public record Shape(String name, TestCertificate root, TestCertificate server, String reason, String host) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ChainShapes() {
    }

    /** {@return the good chain first, then each refused shape; generation takes well under a second per shape} */
    public static List<Shape> generate() {
        String host = TestPki.SERVER_NAME;
        TestCertificate goodRoot = ca("good root").build();
        TestCertificate goodLeaf = leaf().signedBy(goodRoot).build();

        TestCertificate expiredRoot = ca("expired root").expired().build();
        TestCertificate underExpired = leaf().signedBy(expiredRoot).build();

        TestCertificate futureRoot = ca("not yet valid root").notYetValid().build();
        TestCertificate underFuture = leaf().signedBy(futureRoot).build();

        TestCertificate constrainedRoot = ca("root constrained to allowed.test").permittedDnsSubtree("allowed.test").build();
        TestCertificate outside = leaf().signedBy(constrainedRoot).build();

        TestCertificate notCaRoot = TestCertificate.builder().commonName("pgssl root marked CA:FALSE").signerMarkedNotCa().build();
        TestCertificate underNotCaRoot = leaf().signedBy(notCaRoot).build();

        TestCertificate root2 = ca("root of a CA:FALSE intermediate").build();
        TestCertificate notCaIntermediate = TestCertificate.builder().commonName("pgssl intermediate marked CA:FALSE")
                .signerMarkedNotCa().signedBy(root2).build();
        TestCertificate underNotCaIntermediate = leaf().signedBy(notCaIntermediate).build();

        TestCertificate noCertSignRoot = ca("root without keyCertSign").withoutKeyCertSign().build();
        TestCertificate underNoCertSign = leaf().signedBy(noCertSignRoot).build();

        TestCertificate root3 = ca("root of an intermediate without keyCertSign").build();
        TestCertificate noCertSignIntermediate = TestCertificate.builder().commonName("pgssl intermediate without keyCertSign")
                .certificateAuthority(0).withoutKeyCertSign().signedBy(root3).build();
        TestCertificate underNoCertSignIntermediate = leaf().signedBy(noCertSignIntermediate).build();

        TestCertificate kelvinRoot = ca("kelvin root").build();
        TestCertificate kelvinLeaf = TestCertificate.builder().commonName("\u212Aey.example.com").signedBy(kelvinRoot).build();

        return List.of(
                new Shape("good chain", goodRoot, goodLeaf, null, host),
                new Shape("leaf under an expired root", expiredRoot, underExpired, "certificate has expired", host),
                new Shape("leaf under a not-yet-valid root", futureRoot, underFuture, "certificate is not yet valid", host),
                new Shape("leaf outside the root's name constraints", constrainedRoot, outside, "permitted subtree violation", host),
                new Shape("root whose basicConstraints say CA:FALSE", notCaRoot, underNotCaRoot, "invalid CA certificate", host),
                new Shape("intermediate whose basicConstraints say CA:FALSE", root2, underNotCaIntermediate,
                        "invalid CA certificate", host),
                new Shape("root without keyCertSign", noCertSignRoot, underNoCertSign,
                        "key usage does not include certificate signing", host),
                new Shape("intermediate without keyCertSign", root3, underNoCertSignIntermediate,
                        "key usage does not include certificate signing", host),
                new Shape("CN with U+212A KELVIN SIGN for host key.example.com", kelvinRoot, kelvinLeaf,
                        "server certificate for \"\u212Aey.example.com\" does not match host name \"key.example.com\"", "key.example.com"));
    }

    private static TestCertificate.Builder ca(String name) {
        return TestCertificate.builder().commonName("pgssl " + name).certificateAuthority(1);
    }

    private static TestCertificate.Builder leaf() {
        return TestCertificate.builder().commonName(TestPki.SERVER_NAME).dnsName(TestPki.SERVER_NAME);
    }
}
