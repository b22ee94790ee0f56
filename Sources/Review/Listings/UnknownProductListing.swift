import Core
import Foundation
import Wire

/// One row per unknown name: how often, when, with which events, and one piece of evidence.
public enum UnknownProductListing {
    public static func make(_ views: [SignalRecord], minCount: Int) -> Listing {
        var order: [String] = []
        var byName: [String: [SignalRecord]] = [:]
        for view in views {
            guard let name = view.signal.product else { continue }
            if byName[name] == nil { order.append(name) }
            byName[name, default: []].append(view)
        }
        let names = order.filter { byName[$0]!.count >= minCount }
            .sorted { (byName[$0]!.count, $1) > (byName[$1]!.count, $0) }
        var rows: [[String]] = []
        var json: [String] = []
        for name in names {
            let list = byName[name]!
            let events = Array(Set(list.map(\.signal.event.rawValue))).sorted()
            let dates = list.compactMap(\.published)
            let first = dates.min(), last = dates.max()
            let example = list.last!
            rows.append([name, String(list.count), events.joined(separator: ","),
                         first.map { String(Timestamp.format($0).prefix(10)) } ?? "-",
                         last.map { String(Timestamp.format($0).prefix(10)) } ?? "-", example.signal.evidence.text, example.url])
            json.append(WireJSON.line(UnknownNameJSON(name: name, vendor: example.signal.vendors.first, signals: list.count,
                                                      events: events, firstSeen: first, lastSeen: last,
                                                      evidence: example.signal.evidence.text, url: example.url)))
        }
        return Listing(columns: ["name", "signals", "events", "first", "last", "evidence", "url"], rows: rows, json: json,
                       shrinkFirst: [5], tableHidden: [6])
    }
}
