internal import CLibXML2

/// The named character references of HTML 4 (`&eacute;`, `&mdash;`, `&nbsp;`), read once
/// from libxml2's own table so there is one source for them, and kept as a packed table.
/// Every HTML 4 name is at most eight bytes long.
final class HTMLEntityTable: Sendable {
    static let shared = HTMLEntityTable()

    private let table: PackedNameTable<UInt32>

    private init() {
        var table = PackedNameTable<UInt32>(capacity: 1024)
        // libxml2 offers a lookup by value but no enumeration: the HTML 4 values all lie
        // below U+2667 (&diams;).
        for value in 0..<0x2667 {
            guard let entry = htmlEntityValueLookup(UInt32(value)), entry.pointee.value == UInt32(value),
                  let name = entry.pointee.name else { continue }
            table.insert(Array(String(cString: name).utf8), UInt32(value))
        }
        self.table = table
    }

    @inline(__always)
    func value(packed: UInt64, length: Int) -> UInt32? {
        length <= 8 ? table.value(packed: packed, length: length) : nil
    }
}
