import Core
import Foundation

/// The signal log's filters as query parameters, shared by `/signals` and `/api/v1/signals`:
/// the CLI's options (`since`, `until`, `vendor`, `product`, `event`, `modality`,
/// `min_confidence`) plus `q` (words in the title or the evidence), `after` (the cursor) and `limit`.
struct SignalQuery {
    var filter = SignalFilter()
    var after: SignalCursor?
    var limit = 50
    /// The parameters as given, to fill the form and build the next page's link.
    var fields: [String: String] = [:]

    static let names = ["since", "until", "vendor", "product", "event", "modality", "min_confidence", "q"]
    static let maxLimit = 500

    struct Problem: Error { var message: String }

    static func parse(_ fields: [String: String]) throws -> SignalQuery {
        var query = SignalQuery()
        query.fields = fields.filter { names.contains($0.key) || $0.key == "stories" }
        func value(_ name: String) -> String? {
            guard let raw = fields[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        for name in ["since", "until"] {
            guard let text = value(name) else { continue }
            guard let date = Timestamp.parse(text) else { throw Problem(message: "\(name): \"\(text)\" is not a time such as 2026-06-30") }
            if name == "since" { query.filter.since = date } else { query.filter.until = date }
        }
        query.filter.vendor = value("vendor")
        query.filter.product = value("product")
        query.filter.text = value("q")
        if let text = value("event") {
            guard let event = EventKind(rawValue: text) else {
                throw Problem(message: "event: \"\(text)\" must be one of \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.filter.event = event
        }
        if let text = value("modality") {
            guard let modality = Modality(rawValue: text) else {
                throw Problem(message: "modality: \"\(text)\" must be one of \(Modality.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.filter.modality = modality
        }
        if let text = value("min_confidence") {
            guard let minimum = Double(text), (0...1).contains(minimum) else {
                throw Problem(message: "min_confidence: \"\(text)\" must be a number from 0 to 1")
            }
            query.filter.minConfidence = minimum
        }
        if let text = value("after") {
            guard let cursor = SignalCursor(text), Self.looksLikeTime(cursor.time) else {
                throw Problem(message: "after: \"\(text)\" is not a cursor this server gave")
            }
            query.after = cursor
        }
        if let text = value("limit") {
            guard let limit = Int(text), (1...maxLimit).contains(limit) else {
                throw Problem(message: "limit: \"\(text)\" must be a whole number from 1 to \(maxLimit)")
            }
            query.limit = limit
        }
        return query
    }

    /// Whether a cursor's time has the shape both stores write ("2026-10-05 02:00:00.000" from
    /// SQLite, "2026-10-05 02:00:00+00" from PostgreSQL): checked here so that a store error
    /// later is the server's (503), never a mistyped cursor.
    static func looksLikeTime(_ text: String) -> Bool {
        let shape = Array("0000-00-00 00:00:00".utf8), bytes = Array(text.utf8)
        guard bytes.count >= shape.count else { return false }
        return zip(shape, bytes).allSatisfy { want, got in
            want == UInt8(ascii: "0") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(got)
                : want == UInt8(ascii: " ") ? got == want || got == UInt8(ascii: "T") : got == want
        }
    }
}
