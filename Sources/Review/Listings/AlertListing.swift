import Core
import Foundation
import Wire

public enum AlertListing {
    public static func make(_ views: [AlertView]) -> Listing {
        let rows = views.map { v in
            [String(v.id), String(Timestamp.format(v.alert.firedAt).prefix(10)), v.alert.severity.rawValue,
             v.alert.status.rawValue + (v.silencedBy == nil ? "" : " (silenced)"), v.alert.summary]
        }
        return Listing(columns: ["id", "fired", "severity", "status", "summary"], rows: rows,
                       json: views.map { WireJSON.line(AlertJSON($0)) }, shrinkFirst: [4])
    }
}
