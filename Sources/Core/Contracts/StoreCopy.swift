/// A column's value as `chipwatch store copy` moves it from one store to another.
public enum StoreValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// The audit log's hash chain, the same in every store: each entry's hash covers its sequence
/// number, time, kind, body and the previous entry's hash.
public enum AuditChain {
    public static let genesis = String(repeating: "0", count: 64)

    public static func hash(seq: Int64, at: String, kind: String, body: String, previous: String) -> String {
        ContentHash.sha256Hex(Array("\(previous)\n\(seq)\n\(at)\n\(kind)\n\(body)".utf8))
    }
}
