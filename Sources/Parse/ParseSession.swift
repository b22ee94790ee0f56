import Foundation
import XML

/// What parsing one document after another can keep: libxml2's parser context and the
/// element names it has met (`SAXSession`), and what each name means to the feed builder.
/// Feeds arrive by the hundred and most are small, so making these again for every
/// document cost more than parsing it (parse benchmark). One thread uses a session at a time.
public final class ParseSession {
    let sax = SAXSession()
    /// Element meanings by `XMLName.id * 3 + variant` (see `FeedBuilder.info(for:)`).
    var infos: [ElementInfo?] = []

    public init() {}

    /// Sessions not in use, shared by the threads that parse.
    private static let lock = NSLock()
    nonisolated(unsafe) private static var idle: [ParseSession] = []

    /// A session for one parse; give it back with `release`.
    static func acquire() -> ParseSession {
        lock.withLock { idle.popLast() } ?? ParseSession()
    }

    /// Returns `session` for reuse, unless it grew too large (then it is dropped).
    static func release(_ session: ParseSession) {
        guard !session.sax.isWorn else { return }
        lock.withLock {
            if idle.count < 4 { idle.append(session) }
        }
    }
}
