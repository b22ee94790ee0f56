import Core
import Foundation

/// The roadmap file against what the store remembers, as an evaluation begins: a milestone
/// seen for the first time starts pending and is watched from now; a stored one keeps its
/// state, its evidence and when it was first watched, and takes the file's promise (vendor,
/// product, window, grace, source). While still pending it follows an edited window: nothing
/// was measured against the old one yet. Once it shipped, slipped or was cancelled, the
/// window it was judged by stays, so a roadmap edit never rewrites history.
public enum RoadmapSync {
    public static func statuses(_ roadmap: [Milestone], stored: [MilestoneStatus], now: Date) -> [MilestoneStatus] {
        let byID = Dictionary(stored.map { ($0.milestone.id, $0) }, uniquingKeysWith: { first, _ in first })
        return roadmap.map { milestone in
            guard var status = byID[milestone.id] else {
                var status = MilestoneStatus(milestone: milestone)
                status.watchedSince = now
                return status
            }
            status.milestone = milestone
            if status.state == .pending { status.window = milestone.window }
            if status.watchedSince == nil { status.watchedSince = now }
            return status
        }
    }
}
