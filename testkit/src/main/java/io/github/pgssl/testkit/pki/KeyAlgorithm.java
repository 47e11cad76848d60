package io.github.pgssl.testkit.pki;

/** The key pair type of a {@link TestCertificate}. EC P-256 is the default because it generates in milliseconds. */
public enum KeyAlgorithm {
    /** ECDSA on NIST P-256 ({@code secp256r1}), signed with SHA-256. */
    EC_P256("EC", "SHA256withECDSA"),
    /** RSA with a 2048-bit modulus, signed with SHA-256 (slower to generate: tens to hundreds of ms). */
    RSA_2048("RSA", "SHA256withRSA"),
    /**
     * RSASSA-PSS with a 2048-bit modulus ({@code id-RSASSA-PSS} keys, PostgreSQL's suite {@code server-rsapss}),
     * signed with SHA-256 and MGF1.
     */
    RSA_PSS_2048("RSASSA-PSS", "SHA256withRSAandMGF1");

    private final String jcaName;
    private final String signatureAlgorithm;

    KeyAlgorithm(String jcaName, String signatureAlgorithm) {
        this.jcaName = jcaName;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    String jcaName() {
        return jcaName;
    }

    String signatureAlgorithm() {
        return signatureAlgorithm;
    }
}
