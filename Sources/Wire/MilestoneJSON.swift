import Core
import Foundation

/// One line of `chipwatch milestones --format json` (`Tests/Fixtures/milestones.schema.json`).
public struct MilestoneJSON: Encodable, Sendable {
    public var view: MilestoneView
    /// The newest evidence that is an event (not a denial or recap), as the board shows it.
    public var last: EvidenceSnapshot?
    /// Overdue because its deadline passed before chipwatch watched it.
    public var unwatched: Bool

    public init(_ view: MilestoneView, last: EvidenceSnapshot?, unwatched: Bool) {
        self.view = view
        self.last = last
        self.unwatched = unwatched
    }

    enum CodingKeys: String, CodingKey {
        case id, vendor, product, window, state, observed, conflicts
        case currentWindow = "current_window", daysLate = "days_late", evidenceCount = "evidence_count"
        case lastEvidence = "last_evidence", unwatchedDeadline = "unwatched_deadline"
    }

    public func encode(to encoder: Encoder) throws {
        let v = view
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(v.id, forKey: .id)
        try c.encode(v.vendor, forKey: .vendor)
        try c.encode(v.product, forKey: .product)
        try c.encode(WindowJSON(v.promised), forKey: .window)
        try c.encode(WindowJSON(v.window), forKey: .currentWindow)
        try c.encode(v.state.rawValue, forKey: .state)
        try c.encodeOrNull(v.observed?.description, forKey: .observed)
        try c.encodeOrNull(v.daysLate, forKey: .daysLate)
        try c.encode(v.evidenceCount, forKey: .evidenceCount)
        try c.encodeOrNull(last.map(EvidenceJSON.init), forKey: .lastEvidence)
        try c.encode(v.conflicts.map(EvidenceJSON.init), forKey: .conflicts)
        try c.encode(unwatched, forKey: .unwatchedDeadline)
    }
}
