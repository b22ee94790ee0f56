import Core
import Foundation
import Wire

/// What `chipwatch export` writes, one JSON line each (`Tests/Fixtures/export.schema.json`):
/// signals, then the stories they form, then milestone transitions, then alerts oldest first.
public enum ExportLines {
    public static func make(signals: [SignalRecord], milestones: [MilestoneView], alerts: [AlertView], since from: Date) -> [String] {
        var lines = signals.map { WireJSON.line(SignalLogJSON($0, type: "signal")) }
        var stories: [Int64: [SignalRecord]] = [:]
        for v in signals { stories[v.storyID, default: []].append(v) }
        for (id, copies) in stories.sorted(by: { $0.key < $1.key }) {
            lines.append(WireJSON.line(StoryJSON(id: id, copies: copies)))
        }
        for m in milestones {
            for h in m.history where h.at >= from {
                lines.append(WireJSON.line(TransitionJSON(milestone: m.id, product: m.product, entry: h)))
            }
        }
        // Stored newest first.
        lines += alerts.reversed().map { WireJSON.line(AlertJSON($0, type: "alert")) }
        return lines
    }
}
