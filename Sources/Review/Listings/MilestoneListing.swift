import Core
import Foundation
import Wire

public enum MilestoneListing {
    public static func late(_ days: Int?) -> String {
        guard let days else { return "-" }
        return days == 0 ? "on time" : days > 0 ? "+\(days)d" : "\(days)d"
    }

    public static func make(_ views: [MilestoneView]) -> Listing {
        var rows: [[String]] = []
        var json: [String] = []
        for v in views {
            let last = v.evidence.filter { $0.modality.isEvent }
                .max { ($0.published ?? .distantPast) < ($1.published ?? .distantPast) }
            let shown = v.window == v.promised ? v.promised.description : "\(v.promised)→\(v.window)"
            // Overdue before chipwatch watched it: no evidence seen, which is weaker than silence observed.
            let unwatched = v.state == .overdue && v.history.last?.transition.unwatched == true
            rows.append([v.id, v.vendor, v.product, shown, v.state.rawValue + (unwatched ? "*" : "") + (v.conflicts.isEmpty ? "" : " !"),
                         v.observed?.description ?? "-", late(v.daysLate), "\(v.evidenceCount)", last?.title ?? "-",
                         last?.feedID ?? "-", last?.url ?? "-"])
            json.append(WireJSON.line(MilestoneJSON(v, last: last, unwatched: unwatched)))
        }
        // On a terminal the id stands for vendor and product, and the title for its source.
        return Listing(columns: ["id", "vendor", "product", "window", "state", "observed", "late", "ev", "last evidence",
                                 "last source", "last url"],
                       rows: rows, json: json, shrinkFirst: [8], tableHidden: [1, 2, 9, 10])
    }
}
