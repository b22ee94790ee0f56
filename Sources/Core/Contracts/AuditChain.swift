/// The audit log's hash chain, the same in every store: each entry's hash covers its sequence
/// number, time, kind, body and the previous entry's hash.
public enum AuditChain {
    public static let genesis = String(repeating: "0", count: 64)

    public static func hash(seq: Int64, at: String, kind: String, body: String, previous: String) -> String {
        ContentHash.sha256Hex(Array("\(previous)\n\(seq)\n\(at)\n\(kind)\n\(body)".utf8))
    }

    /// The last entry as recorded outside the store (`audit.head` in the state directory) after
    /// a commit, so entries cut from the end are noticed too.
    public struct Head: Sendable, Equatable {
        public var seq: Int64
        public var hash: String

        public init(seq: Int64, hash: String) {
            self.seq = seq
            self.hash = hash
        }

        /// The file's text: "SEQ HASH".
        public init?(text: String) {
            let parts = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard parts.count == 2, let seq = Int64(parts[0]) else { return nil }
            self.init(seq: seq, hash: parts[1])
        }

        public var text: String { "\(seq) \(hash)\n" }
    }

    /// Walks a chain entry by entry in sequence order, as any store reads it (with a cursor: the
    /// chain is never held in memory), and names the first entry changed or removed.
    public struct Walk: Sendable {
        private let head: Head?
        private var previous = AuditChain.genesis
        private var expectedSeq: Int64 = 1
        private var headEntryHash: String?
        public private(set) var problem: String?

        public init(head: Head?) { self.head = head }

        /// Takes the next stored entry; false once a problem is found (stop reading).
        public mutating func take(seq: Int64, at: String, kind: String, body: String, prevHash: String, hash stored: String) -> Bool {
            guard problem == nil else { return false }
            let label = "entry \(seq) (\(kind), \(at))"
            if seq != expectedSeq {
                problem = "entry \(expectedSeq)\(seq > expectedSeq + 1 ? " to \(seq - 1)" : "") was removed (the chain jumps to \(label))"
                return false
            }
            if prevHash != previous {
                problem = "\(label) does not follow the entry before it: an entry before it was changed or removed"
                return false
            }
            let hash = AuditChain.hash(seq: seq, at: at, kind: kind, body: body, previous: previous)
            if hash != stored {
                problem = "\(label) was changed"
                return false
            }
            if seq == head?.seq { headEntryHash = stored }
            previous = hash
            expectedSeq += 1
            return true
        }

        /// The verdict once every entry was taken.
        public func verdict(entries: Int) -> AuditVerdict {
            var problem = self.problem
            if problem == nil, let head {
                if head.seq >= expectedSeq {
                    problem = "entry \(expectedSeq) to \(head.seq) were removed from the end (audit.head records \(head.seq) entries)"
                } else if let headEntryHash, headEntryHash != head.hash {
                    problem = "entry \(head.seq) does not match audit.head: it was rewritten"
                }
            }
            if let problem { return AuditVerdict(entries: entries, intact: false, problem: problem, headHash: nil) }
            return AuditVerdict(entries: entries, intact: true, problem: nil, headHash: entries == 0 ? nil : previous)
        }
    }
}

/// What `verify-log` found.
public struct AuditVerdict: Sendable {
    public var entries: Int
    public var intact: Bool
    /// The first problem, naming the entry ("entry 17 (alert, 2026-05-01T12:00:00Z) was changed").
    public var problem: String?
    public var headHash: String?

    public init(entries: Int, intact: Bool, problem: String?, headHash: String?) {
        self.entries = entries
        self.intact = intact
        self.problem = problem
        self.headHash = headHash
    }
}
