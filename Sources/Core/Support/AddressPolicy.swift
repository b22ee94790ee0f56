/// Which IP addresses a fetch may connect to. Checked on the address libcurl actually
/// connects to (after DNS and on every redirect), so a public name that resolves to a
/// private address is refused too.
public enum AddressPolicy {
    /// Whether an IPv4 address (4 bytes, network order) is loopback, private, link-local,
    /// or otherwise not a public unicast address.
    public static func isRestricted(ipv4 b: [UInt8]) -> Bool {
        guard b.count == 4 else { return true }
        switch b[0] {
        case 0, 10, 127: return true                     // this-network, RFC 1918, loopback
        case 100 where (64...127).contains(b[1]): return true  // carrier-grade NAT (RFC 6598)
        case 169 where b[1] == 254: return true           // link-local, cloud metadata
        case 172 where (16...31).contains(b[1]): return true   // RFC 1918
        case 192 where b[1] == 168: return true            // RFC 1918
        case 192 where b[1] == 0 && b[2] == 0: return true  // IETF protocol assignments
        case 198 where b[1] == 18 || b[1] == 19: return true    // benchmarking
        case 224...255: return true                       // multicast, reserved, broadcast
        default: return false
        }
    }

    /// Whether an IPv6 address (16 bytes) is loopback, unspecified, link-local,
    /// unique-local, multicast, or an IPv4-mapped restricted address.
    public static func isRestricted(ipv6 b: [UInt8]) -> Bool {
        guard b.count == 16 else { return true }
        if b[0..<15].allSatisfy({ $0 == 0 }) && (b[15] == 0 || b[15] == 1) { return true } // :: and ::1
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xff && b[11] == 0xff {           // ::ffff:a.b.c.d
            return isRestricted(ipv4: Array(b[12..<16]))
        }
        if b[0] == 0xfe && (b[1] & 0xc0) == 0x80 { return true }   // fe80::/10 link-local
        if (b[0] & 0xfe) == 0xfc { return true }                   // fc00::/7 unique local
        if b[0] == 0xff { return true }                            // multicast
        return false
    }
}
