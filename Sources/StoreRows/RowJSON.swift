import Core
import Foundation

/// Rows as both stores hold them: one Codable struct per table, each column named once (in its
/// `CodingKeys`), mapped by GRDB's Codable support on SQLite and by `PostgresRowCoding` on
/// PostgreSQL. So a column added to a row is written and read alike by either backend.
///
/// The one way rows write JSON columns (Core's `JSONWriter`: keys sorted, so hashes and
/// comparisons hold) and read them back (dates as RFC 3339).
package enum RowJSON {
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    package static func encode<T: Encodable>(_ value: T) throws -> String { try JSONWriter.string(value) }
    package static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }
}

/// A stored value this version cannot read (written by a newer one, or edited by hand).
package struct StoredValueError: Error, CustomStringConvertible {
    package let table: String
    package let column: String
    package let value: String

    package init(_ table: String, _ column: String, _ value: String) {
        self.table = table
        self.column = column
        self.value = value
    }

    package var description: String { "store: \(table).\(column): unknown value \"\(value)\"" }
}
