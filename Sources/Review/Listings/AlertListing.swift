import Core
import Foundation
import Wire

public enum AlertListing {
    public static let columns = ["id", "fired", "severity", "status", "summary"]

    public static func row(_ v: AlertView) -> [String] {
        [String(v.id), String(Timestamp.format(v.alert.firedAt).prefix(10)), v.alert.severity.rawValue,
         v.alert.status.rawValue + (v.silencedBy == nil ? "" : " (silenced)"), v.alert.summary]
    }

    /// Writes every alert `each` reads in `format` as it is read, never holding them all.
    public static func write(_ format: OutputFormat, width: Int = Terminal.width,
                             each: ((AlertView) throws -> Void) throws -> Void, to out: @escaping (String) -> Void) throws {
        try Listing.stream(format, columns: columns, shrinkFirst: [4], width: width, row: row,
                           json: { WireJSON.line(AlertJSON($0)) }, each: each, to: out)
    }
}
