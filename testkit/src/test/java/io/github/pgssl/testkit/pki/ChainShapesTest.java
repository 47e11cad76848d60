package io.github.pgssl.testkit.pki;

import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each broken chain has exactly the defect it is named after; every signature still verifies. */
class ChainShapesTest {
    static final Map<String, ChainShapes.Shape> SHAPES = ChainShapes.generate().stream()
            .collect(Collectors.toMap(ChainShapes.Shape::name, s -> s));

    static X509Certificate issuerOfLeaf(ChainShapes.Shape s) {
        return s.server().issuer().orElseThrow().certificate();
    }

    @Test
    void generateWhenCalledThenEverySignatureVerifies() throws Exception {
        assertEquals(9, SHAPES.size());
        for (ChainShapes.Shape s : SHAPES.values()) {
            List<TestCertificate> chain = s.server().chain();
            for (int i = 0; i + 1 < chain.size(); i++) {
                chain.get(i).certificate().verify(chain.get(i + 1).certificate().getPublicKey());
            }
            X509Certificate top = chain.get(chain.size() - 1).certificate();
            top.verify(s.root().certificate().getPublicKey());
        }
    }

    @Test
    void shapesWhenGeneratedThenEachHasItsDefect() {
        assertThrows(java.security.cert.CertificateExpiredException.class,
                () -> SHAPES.get("leaf under an expired root").root().certificate().checkValidity());
        assertThrows(java.security.cert.CertificateNotYetValidException.class,
                () -> SHAPES.get("leaf under a not-yet-valid root").root().certificate().checkValidity());
        assertNotNull(SHAPES.get("leaf outside the root's name constraints").root().certificate().getExtensionValue("2.5.29.30"));
        X509Certificate notCa = SHAPES.get("root whose basicConstraints say CA:FALSE").root().certificate();
        assertEquals(-1, notCa.getBasicConstraints());
        assertTrue(notCa.getKeyUsage()[5], "it can still sign certificates");
        assertEquals(-1, issuerOfLeaf(SHAPES.get("intermediate whose basicConstraints say CA:FALSE")).getBasicConstraints());
        X509Certificate noSign = SHAPES.get("root without keyCertSign").root().certificate();
        assertTrue(noSign.getBasicConstraints() >= 0);
        assertFalse(noSign.getKeyUsage()[5]);
        assertFalse(issuerOfLeaf(SHAPES.get("intermediate without keyCertSign")).getKeyUsage()[5]);
        assertTrue(SHAPES.get("good chain").reason() == null);
    }
}
