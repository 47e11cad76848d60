package io.github.pgssl.testkit.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * OpenSSL's {@code X509_NAME_hash} (the "new" hash since OpenSSL 1.0.0), the name {@code openssl
 * rehash} gives files in a certificate or CRL directory.
 *
 * <p>OpenSSL hashes the name's canonical encoding ({@code x509_name_canon}): each string value is
 * converted to UTF-8, leading and trailing white space removed, inner runs of white space collapsed
 * to one space and ASCII letters lower-cased, then re-encoded as a UTF8String; the RDN sets are
 * concatenated without the outer SEQUENCE header. The hash is the first four bytes of the SHA-1 of
 * that, read little-endian, printed as eight lower-case hex digits.
 */
final class OpenSslNameHash {
    private OpenSslNameHash() {
    }

    static String of(X500Principal name) {
        X500Name x500 = X500Name.getInstance(name.getEncoded());
        ByteArrayOutputStream canon = new ByteArrayOutputStream();
        try {
            for (RDN rdn : x500.getRDNs()) {
                ASN1EncodableVector set = new ASN1EncodableVector();
                for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                    set.add(new DERSequence(new ASN1Encodable[] {atv.getType(), canonical(atv.getValue())}));
                }
                canon.write(new DERSet(set).getEncoded("DER"));
            }
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(canon.toByteArray());
            long h = (sha1[0] & 0xffL) | (sha1[1] & 0xffL) << 8 | (sha1[2] & 0xffL) << 16 | (sha1[3] & 0xffL) << 24;
            return String.format(Locale.ROOT, "%08x", h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ASN1Encodable canonical(ASN1Encodable value) {
        if (!(value instanceof ASN1String s) || !(value instanceof org.bouncycastle.asn1.ASN1UTF8String
                || value instanceof org.bouncycastle.asn1.ASN1PrintableString || value instanceof org.bouncycastle.asn1.ASN1IA5String
                || value instanceof org.bouncycastle.asn1.ASN1T61String || value instanceof org.bouncycastle.asn1.ASN1BMPString
                || value instanceof org.bouncycastle.asn1.ASN1UniversalString || value instanceof org.bouncycastle.asn1.ASN1VisibleString)) {
            return value; // OpenSSL copies values outside ASN1_MASK_CANON unchanged
        }
        String v = s.getString().trim().replaceAll("\\s+", " ");
        StringBuilder lower = new StringBuilder(v.length());
        for (char c : v.toCharArray()) {
            lower.append(c < 0x80 ? Character.toLowerCase(c) : c);
        }
        byte[] utf8 = lower.toString().getBytes(StandardCharsets.UTF_8);
        return new DERUTF8String(new String(utf8, StandardCharsets.UTF_8));
    }
}
