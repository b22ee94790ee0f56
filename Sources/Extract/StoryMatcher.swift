import Core
import Foundation

/// Groups copies of one story: the same headline (4 words or more) within a week, else the
/// nearest SimHash within `StoryKey.maxDistance` bits among the stories that began within a
/// month. Syndicated copies keep their headline; rewritten ones keep most of their words.
public struct StoryMatcher: StoryMatching {
    static let week: TimeInterval = 7 * 86_400
    static let month: TimeInterval = 30 * 86_400
    /// Shorter headlines ("Nvidia earnings") repeat across unrelated stories.
    static let minimumTitleWords = 4

    public let maxDistance: Int

    public init(maxDistance: Int = StoryKey.maxDistance) {
        self.maxDistance = maxDistance
    }

    public func query(for output: ExtractOutput, now: Date) -> StoryQuery {
        let when = output.published ?? now
        let titled = output.titleKey.split(separator: " ").count >= Self.minimumTitleWords
        return StoryQuery(titleKey: titled ? output.titleKey : nil,
                          from: when.addingTimeInterval(-Self.month), to: when.addingTimeInterval(Self.month),
                          simhash: output.simhash, maxDistance: maxDistance)
    }

    public func choose(for output: ExtractOutput, among candidates: [StoryCandidate], now: Date) -> Int64? {
        let when = output.published ?? now
        let titled = output.titleKey.split(separator: " ").count >= Self.minimumTitleWords
        // The oldest story first, so a tie goes to the story the copies already joined.
        let ordered = candidates.sorted { $0.id < $1.id }
        if titled, let same = ordered.first(where: {
            $0.titleKey == output.titleKey && abs($0.firstPublished.timeIntervalSince(when)) <= Self.week
        }) {
            return same.id
        }
        guard output.simhash != 0 else { return nil }
        var best: (id: Int64, distance: Int)? = nil
        for candidate in ordered where abs(candidate.firstPublished.timeIntervalSince(when)) <= Self.month {
            let distance = StoryKey.distance(candidate.simhash, output.simhash)
            if distance <= maxDistance, distance < (best?.distance ?? .max) { best = (candidate.id, distance) }
        }
        return best?.id
    }
}
