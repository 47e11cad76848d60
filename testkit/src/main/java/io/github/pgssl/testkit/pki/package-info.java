/**
 * A test PKI generated in memory with BouncyCastle: {@link io.github.pgssl.testkit.pki.TestCertificate}
 * builds roots, intermediates, server and client leaves; {@link io.github.pgssl.testkit.pki.TestPki} is the
 * standard set used by the conformance suite. Keys are written in every format libpq and Java clients read.
 */
package io.github.pgssl.testkit.pki;
