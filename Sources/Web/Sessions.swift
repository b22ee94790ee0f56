import Foundation
import Synchronization

/// Browser sessions: a random token in an HttpOnly cookie, mapped to its user here, in memory
/// (a restart logs everyone out). Sessions end after 12 hours or at logout.
final class SessionBook: Sendable {
    private let sessions = Mutex<[String: (user: String, expires: Date)]>([:])
    static let lifetime: TimeInterval = 12 * 3600

    func open(user: String, now: Date) -> String {
        var bytes = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(format: "%016llx", bytes.next() as UInt64) }.joined()
        sessions.withLock { table in
            if table.count > 10_000 { table = table.filter { $0.value.expires > now } }
            table[token] = (user, now.addingTimeInterval(Self.lifetime))
        }
        return token
    }

    func user(_ token: String, now: Date) -> String? {
        sessions.withLock { table in
            guard let entry = table[token] else { return nil }
            if entry.expires <= now { table[token] = nil; return nil }
            return entry.user
        }
    }

    func close(_ token: String) { _ = sessions.withLock { $0.removeValue(forKey: token) } }
}

/// Failed logins per address: after `limit` failures within `window`, that address is refused
/// (429) until the window since its first failure has passed. Basic and form logins count alike.
final class LoginThrottle: Sendable {
    private let failures = Mutex<[String: (count: Int, since: Date)]>([:])
    let limit: Int
    let window: TimeInterval
    static let capacity = 10_000

    init(limit: Int = 5, window: TimeInterval = 300) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until the address may try again; nil when it may now.
    func blocked(_ address: String, now: Date) -> Int? {
        failures.withLock { table in
            guard let entry = table[address] else { return nil }
            let left = window - now.timeIntervalSince(entry.since)
            if left <= 0 { table[address] = nil; return nil }
            return entry.count >= limit ? Int(left.rounded(.up)) : nil
        }
    }

    func fail(_ address: String, now: Date) {
        failures.withLock { table in
            // Bounded memory under a spray from many addresses: expired entries go first, then
            // (still too many) those not yet blocked; the blocked stay blocked.
            if table.count > Self.capacity {
                table = table.filter { now.timeIntervalSince($0.value.since) < window }
                if table.count > Self.capacity { table = table.filter { $0.value.count >= limit } }
            }
            if let entry = table[address], now.timeIntervalSince(entry.since) < window {
                table[address] = (entry.count + 1, entry.since)
            } else {
                table[address] = (1, now)
            }
        }
    }

    func succeed(_ address: String) { _ = failures.withLock { $0.removeValue(forKey: address) } }

    /// How many addresses are remembered (the memory bound's test reads it).
    var remembered: Int { failures.withLock { $0.count } }
}
