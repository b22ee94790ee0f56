import Foundation
import PostgresNIO

/// The shared row structs (module StoreRows) on PostgreSQL: a row encodes to its column names
/// and bound values, and decodes from a result row by column name, so each column is named once
/// (in the struct's `CodingKeys`) for both stores. Only the column types rows use are handled:
/// text, integers, doubles, times, and booleans (stored as 0 or 1, as on SQLite).
enum PostgresRowCoding {
    /// The row's columns and their values, nil optionals included (written as NULL, so an
    /// upsert clears a column that became empty).
    static func columns<Row: Encodable>(of row: Row, skipping skipped: Set<String> = []) throws -> (names: [String], binds: PostgresBindings) {
        let sink = Sink(skipped: skipped)
        try row.encode(to: RowEncoder(sink: sink))
        return (sink.names, sink.binds)
    }

    /// `INSERT INTO table (…) VALUES (…)` of the row; with `conflict`, an upsert on those
    /// columns that leaves `keeping` as stored; `returning` appends a RETURNING clause.
    static func insert<Row: Encodable>(_ row: Row, into table: String, skipping: Set<String> = [], conflict: [String]? = nil,
                                       keeping: Set<String> = [], returning: String? = nil) throws -> PostgresQuery {
        let (names, binds) = try columns(of: row, skipping: skipping)
        var sql = "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES ("
            + (1...names.count).map { "$\($0)" }.joined(separator: ", ") + ")"
        if let conflict {
            let updated = names.filter { !conflict.contains($0) && !keeping.contains($0) }
            sql += " ON CONFLICT (\(conflict.joined(separator: ", "))) DO UPDATE SET "
                + updated.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        }
        if let returning { sql += " RETURNING \(returning)" }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// `INSERT INTO table (…) VALUES (…), (…), …` of the rows: one round trip for many rows,
    /// split into statements of at most `maxBinds` values (the protocol allows 65,535).
    static func insert<Row: Encodable>(rows: [Row], into table: String, skipping: Set<String> = [], returning: String? = nil,
                                       maxBinds: Int = 30_000) throws -> [PostgresQuery] {
        var queries: [PostgresQuery] = []
        var start = rows.startIndex
        while start < rows.endIndex {
            let sink = Sink(skipped: skipping)
            var names: [String] = []
            var tuples: [String] = []
            var end = start
            repeat {
                sink.names = []
                try rows[end].encode(to: RowEncoder(sink: sink))
                if tuples.isEmpty { names = sink.names } else if sink.names != names {
                    throw RowCodingError("\(table): rows with different columns")
                }
                let base = tuples.count * names.count
                tuples.append("(" + names.indices.map { "$\(base + $0 + 1)" }.joined(separator: ", ") + ")")
                end += 1
            } while end < rows.endIndex && sink.binds.count + names.count <= maxBinds
            queries.append(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES "
                                         + tuples.joined(separator: ", ") + (returning.map { " RETURNING " + $0 } ?? ""),
                                         binds: sink.binds))
            start = end
        }
        return queries
    }

    /// `UPDATE table SET … WHERE key = value` of the row's columns but `skipping` and the key.
    static func update<Row: Encodable>(_ row: Row, table: String, key: String, skipping: Set<String> = []) throws -> PostgresQuery {
        let (names, binds) = try columns(of: row, skipping: skipping)
        guard let keyIndex = names.firstIndex(of: key) else { throw RowCodingError("\(table): the row has no \(key) column") }
        let sets = names.indices.filter { $0 != keyIndex }.map { "\(names[$0]) = $\($0 + 1)" }
        return PostgresQuery(unsafeSQL: "UPDATE \(table) SET \(sets.joined(separator: ", ")) WHERE \(key) = $\(keyIndex + 1)", binds: binds)
    }

    /// The row read from a result row by column name.
    static func decode<Row: Decodable>(_ type: Row.Type, from row: PostgresRow) throws -> Row {
        try Row(from: RowDecoder(row: row.makeRandomAccess()))
    }

    struct RowCodingError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: encoding

    private final class Sink {
        let skipped: Set<String>
        var names: [String] = []
        var binds = PostgresBindings()
        init(skipped: Set<String>) { self.skipped = skipped }

        func add(_ name: String, _ write: (inout PostgresBindings) throws -> Void) rethrows {
            guard !skipped.contains(name) else { return }
            names.append(name)
            try write(&binds)
        }
    }

    private struct RowEncoder: Encoder {
        let sink: Sink
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Columns<Key>(sink: sink))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("a row is a keyed container of columns") }
        func singleValueContainer() -> any SingleValueEncodingContainer { fatalError("a row is a keyed container of columns") }
    }

    private struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: Sink
        var codingPath: [any CodingKey] = []

        mutating func encodeNil(forKey key: Key) throws { sink.add(key.stringValue) { $0.appendNull() } }
        mutating func encode(_ value: Bool, forKey key: Key) throws { sink.add(key.stringValue) { $0.append(Int64(value ? 1 : 0)) } }
        mutating func encode(_ value: String, forKey key: Key) throws { sink.add(key.stringValue) { $0.append(value) } }
        mutating func encode(_ value: Double, forKey key: Key) throws { sink.add(key.stringValue) { $0.append(value) } }
        mutating func encode(_ value: Int, forKey key: Key) throws { sink.add(key.stringValue) { $0.append(Int64(value)) } }
        mutating func encode(_ value: Int64, forKey key: Key) throws { sink.add(key.stringValue) { $0.append(value) } }
        /// Values reached through generic code (the optionals below) arrive here whatever their type.
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            switch value {
            case let v as String: try encode(v, forKey: key)
            case let v as Int: try encode(v, forKey: key)
            case let v as Int64: try encode(v, forKey: key)
            case let v as Double: try encode(v, forKey: key)
            case let v as Bool: try encode(v, forKey: key)
            case let v as Date: sink.add(key.stringValue) { $0.append(v) }
            default: throw RowCodingError("column \(key.stringValue): \(T.self) has no PostgreSQL column type here")
            }
        }
        // Optionals: nil is written as NULL rather than left out (the synthesized default).
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value, key) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value, key) }

        private mutating func present<T: Encodable>(_ value: T?, _ key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func nestedContainer<Nested: CodingKey>(keyedBy type: Nested.Type, forKey key: Key) -> KeyedEncodingContainer<Nested> {
            fatalError("a column holds one value")
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { fatalError("a column holds one value") }
        mutating func superEncoder() -> any Encoder { fatalError("a column holds one value") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { fatalError("a column holds one value") }
    }

    // MARK: decoding

    private struct RowDecoder: Decoder {
        let row: PostgresRandomAccessRow
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Cells<Key>(row: row))
        }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw RowCodingError("a row is a keyed container of columns") }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { throw RowCodingError("a row is a keyed container of columns") }
    }

    private struct Cells<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: PostgresRandomAccessRow
        var codingPath: [any CodingKey] = []
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { row.contains(key.stringValue) }
        func decodeNil(forKey key: Key) throws -> Bool { try cell(key).bytes == nil }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try cell(key).decode(Int64.self) != 0 }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try cell(key).decode(String.self) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try cell(key).decode(Double.self) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { Int(try cell(key).decode(Int64.self)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try cell(key).decode(Int64.self) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let value: Any = switch type {
            case is Date.Type: try cell(key).decode(Date.self)
            case is String.Type: try decode(String.self, forKey: key)
            case is Int.Type: try decode(Int.self, forKey: key)
            case is Int64.Type: try decode(Int64.self, forKey: key)
            case is Double.Type: try decode(Double.self, forKey: key)
            case is Bool.Type: try decode(Bool.self, forKey: key)
            default: throw RowCodingError("column \(key.stringValue): \(T.self) has no PostgreSQL column type here")
            }
            return value as! T
        }

        private func cell(_ key: Key) throws -> PostgresCell {
            guard row.contains(key.stringValue) else { throw RowCodingError("the result has no column \(key.stringValue)") }
            return row[key.stringValue]
        }
        func nestedContainer<Nested: CodingKey>(keyedBy type: Nested.Type, forKey key: Key) throws -> KeyedDecodingContainer<Nested> {
            throw RowCodingError("a column holds one value")
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw RowCodingError("a column holds one value") }
        func superDecoder() throws -> any Decoder { throw RowCodingError("a column holds one value") }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw RowCodingError("a column holds one value") }
    }
}
