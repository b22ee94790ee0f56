import Core
import Testing

@Suite("Address policy")
struct AddressPolicyTests {
    @Test("restricted IPv4 addresses", arguments: [
        [127, 0, 0, 1], [10, 1, 2, 3], [172, 16, 0, 1], [172, 31, 255, 255], [192, 168, 1, 1],
        [169, 254, 169, 254], [0, 0, 0, 0], [100, 64, 0, 1], [224, 0, 0, 1], [255, 255, 255, 255],
    ] as [[UInt8]])
    func restrictedIPv4(address: [UInt8]) {
        #expect(AddressPolicy.isRestricted(ipv4: address))
    }

    @Test("public IPv4 addresses", arguments: [
        [8, 8, 8, 8], [172, 15, 0, 1], [172, 32, 0, 1], [192, 169, 0, 1], [100, 128, 0, 1], [151, 101, 1, 1],
    ] as [[UInt8]])
    func publicIPv4(address: [UInt8]) {
        #expect(!AddressPolicy.isRestricted(ipv4: address))
    }

    @Test("IPv6: loopback, link-local, unique-local and mapped private addresses are restricted")
    func ipv6() {
        var loopback = [UInt8](repeating: 0, count: 16); loopback[15] = 1
        var linkLocal = [UInt8](repeating: 0, count: 16); linkLocal[0] = 0xfe; linkLocal[1] = 0x80
        var uniqueLocal = [UInt8](repeating: 0, count: 16); uniqueLocal[0] = 0xfd
        let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 0, 1]
        let global: [UInt8] = [0x20, 0x01, 0x48, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x88, 0x88]
        #expect(AddressPolicy.isRestricted(ipv6: loopback))
        #expect(AddressPolicy.isRestricted(ipv6: linkLocal))
        #expect(AddressPolicy.isRestricted(ipv6: uniqueLocal))
        #expect(AddressPolicy.isRestricted(ipv6: mapped))
        #expect(!AddressPolicy.isRestricted(ipv6: global))
    }
}

@Suite("Durations")
struct DurationTextTests {
    @Test("durations read back", arguments: [("90s", 90.0), ("30m", 1800), ("1h", 3600), ("2h30m", 9000), ("1d", 86400), ("1w", 604_800)])
    func parse(text: String, seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
        #expect(DurationText.seconds(DurationText.text(seconds)) == seconds)
    }

    @Test("non-durations are refused", arguments: ["", "1 hour", "h", "10", "1x", "-1h"])
    func refuse(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }
}
