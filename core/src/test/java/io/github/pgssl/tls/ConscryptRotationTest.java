package io.github.pgssl.tls;

import io.github.pgssl.TlsEngine;

/**
 * {@link RotationTest} on Conscrypt: a rotated CA file and client key reach new handshakes, and
 * sessions verified against the old material are not resumed, with BoringSSL running the handshake.
 */
class ConscryptRotationTest extends RotationTest {
    @Override
    TlsEngine engine() {
        return TlsEngine.CONSCRYPT;
    }
}
