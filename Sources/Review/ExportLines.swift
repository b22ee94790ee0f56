import Core
import Foundation
import Wire

/// What `chipwatch export` writes, one JSON line each (`Tests/Fixtures/export.schema.json`):
/// signals oldest first, then the stories they form (from a second read of the same signals,
/// story by story), then milestone transitions, then alerts oldest first. Everything is written
/// as it is read: only the story being read is kept.
public struct ExportLines {
    private var story: (id: Int64, tally: StoryTally)?
    public private(set) var count = 0

    public init() {}

    /// A signal's line.
    public mutating func signal(_ record: SignalRecord) -> String {
        count += 1
        return WireJSON.line(SignalLogJSON(record, type: "signal"))
    }

    /// Counts a signal read story by story into its story; returns the line of the story
    /// before it once a new story begins.
    public mutating func storySignal(_ record: SignalRecord) -> String? {
        var finished: String?
        if let story, story.id != record.storyID { finished = storyLine() }
        if story == nil { story = (record.storyID, StoryTally()) }
        story?.tally.add(record)
        return finished
    }

    /// The last story's line, after the last signal.
    public mutating func storyLine() -> String? {
        guard let story else { return nil }
        self.story = nil
        count += 1
        return WireJSON.line(StoryJSON(id: story.id, tally: story.tally))
    }

    /// The transitions since `from`.
    public mutating func transitions(milestones: [MilestoneView], since from: Date) -> [String] {
        var lines: [String] = []
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
