import Core
import Foundation
import Wire

/// What `chipwatch export` writes, one JSON line each (`Tests/Fixtures/export.schema.json`):
/// signals as they are read, then the stories they form, then milestone transitions, then
/// alerts oldest first, as they are read. Only the stories' tallies are kept between lines.
public struct ExportLines {
    private var stories: [Int64: StoryTally] = [:]
    public private(set) var count = 0

    public init() {}

    /// A signal's line; the signal is counted into its story.
    public mutating func signal(_ record: SignalRecord) -> String {
        stories[record.storyID, default: StoryTally()].add(record)
        count += 1
        return WireJSON.line(SignalLogJSON(record, type: "signal"))
    }

    /// The lines after the signals: stories, then transitions since `from`.
    public mutating func storiesAndTransitions(milestones: [MilestoneView], since from: Date) -> [String] {
        var lines = stories.sorted { $0.key < $1.key }.map { WireJSON.line(StoryJSON(id: $0.key, tally: $0.value)) }
        for m in milestones {
            for h in m.history where h.at >= from {
                lines.append(WireJSON.line(TransitionJSON(milestone: m.id, product: m.product, entry: h)))
            }
        }
        count += lines.count
        return lines
    }

    /// An alert's line; the alerts come last, oldest first.
    public mutating func alert(_ view: AlertView) -> String {
        count += 1
        return WireJSON.line(AlertJSON(view, type: "alert"))
    }
}
