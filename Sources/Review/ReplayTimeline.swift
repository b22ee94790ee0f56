import Core
import Foundation

/// What `chipwatch replay` prints after its evaluations: milestone changes and alert notices
/// in time order, a change before the notices of the same instant.
public enum ReplayTimeline {
    public static func text(milestones: [MilestoneView], notices: [OutboxEntry]) -> String {
        var lines: [(at: Date, order: Int, text: String)] = []
        for view in milestones {
            for h in view.history {
                let t = h.transition
                lines.append((h.at, 0, "\(day(h.at))  \(view.id): \(t.from.rawValue) -> \(t.to.rawValue) (\(t.note))"))
            }
        }
        for notice in notices {
            let alert = notice.entry.alert
            lines.append((notice.created, 1,
                          "\(day(notice.created))    alert \(notice.entry.notice.rawValue), \(alert.severity.rawValue): \(alert.summary)"))
        }
        if lines.isEmpty { return "no milestone changed and no alert fired\n" }
        return lines.sorted { ($0.at, $0.order) < ($1.at, $1.order) }.map { $0.text + "\n" }.joined()
    }

    public static func day(_ date: Date) -> String { String(Timestamp.format(date).prefix(10)) }
}
