import Core
import Foundation
import GRDB

/// A record's columns and values in the order its `Codable` conformance encodes them, for
/// `insertCached`. GRDB's own encoding builds a dictionary per row and formats each date with
/// a `DateFormatter` (together a quarter of the parse stage's time, measured with perf); the
/// stages insert thousands of rows of one shape. A nil optional is written as NULL (GRDB does
/// the same), so every row of a type has the same columns and one compiled statement serves all.
struct RowValues {
    private(set) var columns: [String] = []
    private(set) var values: [DatabaseValue] = []

    init<Record: Encodable>(_ record: Record) throws {
        let encoder = Collector()
        try record.encode(to: encoder)
        columns = encoder.columns
        values = encoder.values
    }

    /// The same columns with other values (the same values in another form: packed text).
    func with(values: [DatabaseValue]) -> RowValues {
        var row = self
        row.values = values
        return row
    }

    /// The `DATETIME` text GRDB stores for a date (`yyyy-MM-dd HH:mm:ss.SSS`, UTC, to the
    /// nearest millisecond), without a formatter: a store written by either path reads the same.
    /// Years outside 1600-9999 go through GRDB (its formatter turns Julian before 1582).
    static func dateText(_ date: Date) -> DatabaseValue {
        let millis = (date.timeIntervalSinceReferenceDate + 978_307_200) * 1000
        guard millis.isFinite, millis >= -11_676_096_000_000, millis < 253_402_300_799_000 else { return date.databaseValue }
        let ms = Int64((millis + 0.5).rounded(.down))   // half up, as GRDB's formatter
        var days = ms / 86_400_000, inDay = ms % 86_400_000
        if inDay < 0 { inDay += 86_400_000; days -= 1 }
        let (year, month, day) = CivilDate.date(days: days)
        var text = [UInt8](repeating: 0, count: 23)
        func put(_ value: Int64, at offset: Int, digits: Int) {
            var value = value
            for i in stride(from: offset + digits - 1, through: offset, by: -1) {
                text[i] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, at: 0, digits: 4); put(month, at: 5, digits: 2); put(day, at: 8, digits: 2)
        put(inDay / 3_600_000, at: 11, digits: 2); put(inDay / 60000 % 60, at: 14, digits: 2)
        put(inDay / 1000 % 60, at: 17, digits: 2); put(inDay % 1000, at: 20, digits: 3)
        text[4] = UInt8(ascii: "-"); text[7] = UInt8(ascii: "-"); text[10] = UInt8(ascii: " ")
        text[13] = UInt8(ascii: ":"); text[16] = UInt8(ascii: ":"); text[19] = UInt8(ascii: ".")
        return String(decoding: text, as: UTF8.self).databaseValue
    }
}

extension RowValues {
    /// Reads the text `dateText` writes (`yyyy-MM-dd HH:mm:ss.SSS`) as GRDB would, without its
    /// calendar (most of the cost of reading a date column); anything else goes through GRDB.
    static func date(_ value: DatabaseValue) -> Date? {
        guard case .string(let text) = value.storage else { return Date.fromDatabaseValue(value) }
        var utf8 = text.utf8.makeIterator()
        var digits = [Int64](repeating: 0, count: 7)
        let widths = [4, 2, 2, 2, 2, 2, 3], separators: [UInt8] = [45, 45, 32, 58, 58, 46, 0]   // - - space : : .
        for field in 0..<7 {
            for _ in 0..<widths[field] {
                guard let byte = utf8.next(), byte >= 48, byte <= 57 else { return Date.fromDatabaseValue(value) }
                digits[field] = digits[field] * 10 + Int64(byte - 48)
            }
            let next = utf8.next()
            guard field < 6 ? next == separators[field] : next == nil else { return Date.fromDatabaseValue(value) }
        }
        let (year, month, day) = (digits[0], digits[1], digits[2])
        guard year >= 1600, (1...12).contains(month), (1...31).contains(day), digits[3] < 24, digits[4] < 60, digits[5] < 60
        else { return Date.fromDatabaseValue(value) }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + digits[3] * 3600 + digits[4] * 60 + digits[5]
        return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(digits[6]) / 1000)
    }
}

/// Struct records are flat: one keyed container of scalar columns.
private final class Collector: Encoder {
    var columns: [String] = []
    var values: [DatabaseValue] = []
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func add(_ key: some CodingKey, _ value: DatabaseValue) {
        columns.append(key.stringValue)
        values.append(value)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Columns(collector: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("RowValues: a record encodes keyed columns") }
    func singleValueContainer() -> any SingleValueEncodingContainer { fatalError("RowValues: a record encodes keyed columns") }

    private struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let collector: Collector
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) { collector.add(key, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) { collector.add(key, value.databaseValue) }
        mutating func encode(_ value: String, forKey key: Key) { collector.add(key, value.databaseValue) }
        mutating func encode(_ value: Double, forKey key: Key) { collector.add(key, value.databaseValue) }
        mutating func encode(_ value: Int, forKey key: Key) { collector.add(key, value.databaseValue) }
        mutating func encode(_ value: Int64, forKey key: Key) { collector.add(key, value.databaseValue) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let date = value as? Date {
                collector.add(key, RowValues.dateText(date))
            } else if let value = value as? any DatabaseValueConvertible {
                collector.add(key, value.databaseValue)
            } else {
                throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "not a column value"))
            }
        }

        // Synthesized conformances skip a nil optional; a row writes it as NULL.
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) { collector.add(key, value?.databaseValue ?? .null) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) { collector.add(key, value?.databaseValue ?? .null) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) { collector.add(key, value?.databaseValue ?? .null) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) { collector.add(key, value?.databaseValue ?? .null) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) { collector.add(key, value?.databaseValue ?? .null) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { encodeNil(forKey: key) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            fatalError("RowValues: a record's columns are scalars")
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            fatalError("RowValues: a record's columns are scalars")
        }
        mutating func superEncoder() -> any Encoder { collector }
        mutating func superEncoder(forKey key: Key) -> any Encoder { collector }
    }
}
