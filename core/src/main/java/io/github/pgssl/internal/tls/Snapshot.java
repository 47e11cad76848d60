package io.github.pgssl.internal.tls;

import java.security.PrivateKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * One immutable load of a policy's files: trust anchors (self-signed only), extra intermediates,
 * CRLs, pins and the client identity. Replaced as a whole on rotation. Not API.
 *
 * @param crls null when CRL checking is off
 * @param pins null unless the trust source is pinned
 * @param key null when there is no client identity
 */
record Snapshot(long generation, List<FileStamp> stamps, List<TrustAnchor> anchors,
                List<X509Certificate> intermediates, List<X509CRL> crls, Set<String> pins,
                PrivateKey key, X509Certificate[] chain, String trustName) {
}
