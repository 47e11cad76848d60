package io.github.pgssl.internal.tls;

import io.github.pgssl.TlsVerificationException;
import io.github.pgssl.TlsVerificationException.Reason;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * libpq's verify-full host-name rules (fe-secure-common.c, fe-secure-openssl.c
 * {@code pgtls_verify_peer_name_matches_certificate_guts}), which deliberately differ from RFC 6125
 * and from JSSE's {@code HTTPS} endpoint identification. Not API.
 *
 * <ul>
 *   <li>Every dNSName and iPAddress SAN is examined, in certificate order; an IP host is also
 *       string-compared with dNSNames, a DNS host never matches an iPAddress SAN.</li>
 *   <li>The CN is examined only when there is no SAN of the host's own type (and nothing matched).</li>
 *   <li>Wildcards: only a leading {@code *.}, covering exactly one label; comparisons ignore case.</li>
 *   <li>A host is an IP when {@code inet_aton} (so {@code 192.000.002.001}, {@code 10.1}) or
 *       {@code inet_pton(AF_INET6)} accepts it.</li>
 * </ul>
 */
public final class HostnameMatcher {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostnameMatcher() {
    }

    /**
     * @throws TlsVerificationException with libpq's exact message when the certificate does not name {@code host}
     */
    public static void verify(X509Certificate cert, String host) throws TlsVerificationException {
        if (host == null || host.isEmpty()) {
            throw new TlsVerificationException(Reason.HOSTNAME_MISMATCH,
                    "host name must be specified for a verified SSL connection");
        }
        byte[] hostIp = parseIp(host);
        int hostType = hostIp != null ? SAN_IP : SAN_DNS;
        boolean checkCn = true;
        int examined = 0;
        String first = null;
        int rc = 0;
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new TlsVerificationException(Reason.HOSTNAME_MISMATCH,
                    "could not get server's host name from server certificate: " + e.getMessage(), e);
        }
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                if (type == hostType) {
                    checkCn = false;
                }
                String altName = null;
                if (type == SAN_DNS) {
                    examined++;
                    altName = (String) san.get(1);
                    rc = nameMatches(altName, host);
                } else if (type == SAN_IP) {
                    examined++;
                    byte[] addr = ipBytes((String) san.get(1));
                    altName = formatIp(addr);
                    rc = hostIp != null && java.util.Arrays.equals(addr, hostIp) ? 1 : 0;
                }
                if (altName != null && first == null) {
                    first = altName;
                }
                if (rc != 0) {
                    checkCn = false;
                    break;
                }
            }
        }
        if (checkCn) {
            String cn = firstCommonName(cert);
            if (cn != null) {
                examined++;
                rc = nameMatches(cn, host);
                if (first == null) {
                    first = cn;
                }
            }
        }
        if (rc == 1) {
            return;
        }
        String msg;
        if (examined > 1) {
            int others = examined - 1;
            msg = "server certificate for \"" + first + "\" (and " + others + " other name" + (others == 1 ? "" : "s")
                    + ") does not match host name \"" + host + "\"";
        } else if (examined == 1) {
            msg = "server certificate for \"" + first + "\" does not match host name \"" + host + "\"";
        } else {
            msg = "could not get server's host name from server certificate";
        }
        throw new TlsVerificationException(Reason.HOSTNAME_MISMATCH, msg);
    }

    /** 1 match, 0 no match; embedded NUL is an error, as in libpq. */
    private static int nameMatches(String name, String host) throws TlsVerificationException {
        if (name.indexOf('\0') >= 0) {
            throw new TlsVerificationException(Reason.HOSTNAME_MISMATCH, "SSL certificate's name contains embedded null");
        }
        if ((name.length() == host.length() && asciiEqualsIgnoreCase(name, 0, host, 0, name.length()))
                || wildcardMatches(name, host)) {
            return 1;
        }
        return 0;
    }

    /**
     * libpq's {@code pg_strcasecmp}: only ASCII letters fold. Java's {@code equalsIgnoreCase} and
     * {@code toLowerCase} also fold U+212A KELVIN SIGN to {@code k}, U+017F LONG S to {@code s} and
     * U+0130 to {@code i}, so a certificate for "\u212Aey.example.com" would match "key.example.com".
     */
    static boolean asciiEqualsIgnoreCase(String a, int aFrom, String b, int bFrom, int length) {
        if (aFrom + length > a.length() || bFrom + length > b.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char x = a.charAt(aFrom + i);
            char y = b.charAt(bFrom + i);
            if (x != y && asciiLower(x) != asciiLower(y)) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** libpq's {@code wildcard_certificate_match}, character for character. */
    static boolean wildcardMatches(String pattern, String string) {
        int lenpat = pattern.length();
        int lenstr = string.length();
        if (lenpat < 3 || pattern.charAt(0) != '*' || pattern.charAt(1) != '.') {
            return false;
        }
        if (lenpat > lenstr) {
            return false;
        }
        if (!asciiEqualsIgnoreCase(pattern, 1, string, lenstr - lenpat + 1, lenpat - 1)) {
            return false;
        }
        int firstDot = string.indexOf('.');
        return !(firstDot >= 0 && firstDot < lenstr - lenpat);
    }

    private static String firstCommonName(X509Certificate cert) {
        try {
            LdapName dn = new LdapName(cert.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253));
            for (Rdn rdn : dn.getRdns()) {
                javax.naming.directory.Attribute a = rdn.toAttributes().get("CN");
                if (a != null) {
                    Object v = a.get();
                    return v instanceof String s ? s : null;
                }
            }
        } catch (javax.naming.NamingException e) {
            return null;
        }
        return null;
    }

    /**
     * The address bytes of {@code host} when libpq reads it as an IP: IPv4 by {@code inet_aton}
     * (1 to 4 parts, decimal, octal with a leading 0, or hex with 0x; the last part fills the
     * remaining bytes), or IPv6 by {@code inet_pton}. Null for a DNS name.
     */
    public static byte[] parseIp(String host) {
        byte[] v4 = inetAton(host);
        if (v4 != null) {
            return v4;
        }
        if (host.indexOf(':') >= 0 && host.indexOf('%') < 0 && !host.startsWith("[")) {
            try {
                InetAddress a = InetAddress.getByName(host);
                byte[] b = a.getAddress();
                if (a instanceof Inet4Address) {
                    // "::ffff:1.2.3.4" is returned as IPv4 by Java; inet_pton gives 16 bytes
                    byte[] m = new byte[16];
                    m[10] = (byte) 0xff;
                    m[11] = (byte) 0xff;
                    System.arraycopy(b, 0, m, 12, 4);
                    return m;
                }
                return b;
            } catch (UnknownHostException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** glibc's {@code inet_aton}; null when it would return 0. */
    static byte[] inetAton(String s) {
        if (s.isEmpty()) {
            return null;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] vals = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                return null;
            }
            int radix = 10;
            int start = 0;
            if (p.length() > 1 && p.charAt(0) == '0' && (p.charAt(1) == 'x' || p.charAt(1) == 'X')) {
                radix = 16;
                start = 2;
            } else if (p.charAt(0) == '0') {
                radix = 8;
            }
            long v = 0;
            if (start == p.length() && radix == 16) {
                v = 0; // "0x" alone is 0 in glibc
            }
            for (int j = start; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), radix);
                if (d < 0 || p.charAt(j) > 0x7f) {
                    return null;
                }
                v = v * radix + d;
                if (v > 0xffffffffL) {
                    return null;
                }
            }
            vals[i] = v;
        }
        long addr = 0;
        int n = vals.length;
        for (int i = 0; i < n - 1; i++) {
            if (vals[i] > 0xff) {
                return null;
            }
            addr |= vals[i] << (8 * (3 - i));
        }
        long last = vals[n - 1];
        long maxLast = (1L << (8 * (4 - (n - 1)))) - 1;
        if (last > maxLast) {
            return null;
        }
        addr |= last;
        return new byte[] {(byte) (addr >>> 24), (byte) (addr >>> 16), (byte) (addr >>> 8), (byte) addr};
    }

    private static byte[] ipBytes(String literal) {
        try {
            byte[] b = InetAddress.getByName(literal).getAddress();
            if (b.length == 4 && literal.indexOf(':') >= 0) {
                byte[] m = new byte[16];
                m[10] = (byte) 0xff;
                m[11] = (byte) 0xff;
                System.arraycopy(b, 0, m, 12, 4);
                return m;
            }
            return b;
        } catch (UnknownHostException e) {
            return new byte[0];
        }
    }

    /** inet_net_ntop-like text: dotted quad, or RFC 5952 compressed IPv6. */
    static String formatIp(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        if (a.length != 16) {
            return "?";
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] == 0) {
                int j = i;
                while (j < 8 && w[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }
}
