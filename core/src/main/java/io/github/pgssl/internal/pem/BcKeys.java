package io.github.pgssl.internal.pem;

import io.github.pgssl.Secret;
import io.github.pgssl.internal.pem.KeyReader.KeyReadException;
import io.github.pgssl.internal.pem.KeyReader.Problem;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.Provider;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The key forms the JDK cannot read, on BouncyCastle. Loaded only when such a key is met. The
 * BouncyCastle provider is used as an instance for decryption only (PBES2 on Java 17), never
 * registered globally. Not API.
 */
final class BcKeys {
    private BcKeys() {
    }

    private static final class ProviderHolder {
        static final Provider BC = new BouncyCastleProvider();
    }

    static PrivateKey fromPem(String text, Secret password) {
        Object o;
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            o = p.readObject();
        } catch (IOException | RuntimeException e) {
            throw new KeyReadException(Problem.UNREADABLE, "invalid PEM key: " + e.getMessage());
        }
        return convert(o, password);
    }

    /** A DER PKCS#1, SEC1 or encrypted PKCS#8 key; null when the DER is none of them. */
    static PrivateKey fromDer(byte[] der, Secret password) {
        ASN1Sequence seq;
        try {
            ASN1Primitive prim = ASN1Primitive.fromByteArray(der);
            if (!(prim instanceof ASN1Sequence s)) {
                return null;
            }
            seq = s;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        try {
            if (seq.size() == 2 && seq.getObjectAt(0) instanceof ASN1Sequence) {
                return convert(new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(seq)), password);
            }
            ASN1Encodable first = seq.getObjectAt(0);
            if (first instanceof ASN1Integer v) {
                int version = v.intValueExact();
                if (version == 0 && seq.size() >= 9) {
                    RSAPrivateKey rsa = RSAPrivateKey.getInstance(seq);
                    return convert(new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                            DERNull.INSTANCE), rsa), password);
                }
                if (version == 1 && seq.size() >= 2 && seq.getObjectAt(1) instanceof ASN1OctetString) {
                    ECPrivateKey ec = ECPrivateKey.getInstance(seq);
                    ASN1Encodable params = ec.getParametersObject();
                    if (params == null) {
                        throw new KeyReadException(Problem.UNREADABLE, "SEC1 EC key without curve parameters");
                    }
                    return convert(new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                            params), ec), password);
                }
            }
        } catch (IOException | IllegalArgumentException | ArithmeticException e) {
            return null;
        }
        return null;
    }

    private static PrivateKey convert(Object o, Secret password) {
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        try {
            if (o instanceof PrivateKeyInfo pki) {
                return conv.getPrivateKey(pki);
            }
            if (o instanceof PEMKeyPair kp) {
                return privateOnly(conv, kp);
            }
            if (o instanceof PEMEncryptedKeyPair ekp) {
                requirePassword(password);
                PEMKeyPair kp;
                char[] pw = password.revealChars();
                try {
                    kp = ekp.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(ProviderHolder.BC).build(pw));
                } catch (IOException | RuntimeException e) {
                    throw new KeyReadException(Problem.BAD_DECRYPT, "bad decrypt");
                } finally {
                    java.util.Arrays.fill(pw, '\0');
                }
                return privateOnly(conv, kp);
            }
            if (o instanceof PKCS8EncryptedPrivateKeyInfo epki) {
                requirePassword(password);
                PrivateKeyInfo pki;
                char[] pw = password.revealChars();
                try {
                    pki = epki.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                            .setProvider(ProviderHolder.BC).build(pw));
                } catch (Exception e) {
                    throw new KeyReadException(Problem.BAD_DECRYPT, "bad decrypt");
                } finally {
                    java.util.Arrays.fill(pw, '\0');
                }
                return conv.getPrivateKey(pki);
            }
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new KeyReadException(Problem.UNREADABLE, "unsupported key: " + e.getMessage());
        }
        throw new KeyReadException(Problem.UNREADABLE, "not a private key");
    }

    /** SEC1 files may omit the public key; only the private part is needed. */
    private static PrivateKey privateOnly(JcaPEMKeyConverter conv, PEMKeyPair kp) throws org.bouncycastle.openssl.PEMException {
        PrivateKeyInfo pki = kp.getPrivateKeyInfo();
        if (pki.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                && pki.getPrivateKeyAlgorithm().getParameters() == null) {
            throw new KeyReadException(Problem.UNREADABLE, "SEC1 EC key without curve parameters");
        }
        return conv.getPrivateKey(pki);
    }

    private static void requirePassword(Secret password) {
        if (password == null || password.isEmpty()) {
            throw new KeyReadException(Problem.NEEDS_PASSWORD, "key is encrypted");
        }
    }
}
