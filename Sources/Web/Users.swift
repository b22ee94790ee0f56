import Crypto
import Foundation
import HummingbirdBcrypt
import Synchronization

/// The users file: `name:bcrypt-hash` lines, as `htpasswd -B` writes them (blank lines and
/// `#` comments skipped). Read once when the server starts.
public struct WebUsers: Sendable {
    public enum Problem: Error, CustomStringConvertible {
        case unreadable(String, String)
        case badLine(String, Int, String)
        case badName(String)

        public var description: String {
            switch self {
            case let .unreadable(path, why): return "\(path): cannot read the users file: \(why)"
            case let .badLine(path, line, why): return "\(path):\(line): \(why)"
            case let .badName(name): return "\"\(name)\" is not a user name (letters, digits, . _ - and @; no colon)"
            }
        }
    }

    let hashes: [String: String]
    public var names: [String] { hashes.keys.sorted() }

    public init(hashes: [String: String]) { self.hashes = hashes }

    /// Reads the file; a missing file is an empty list (`serve` then refuses to start).
    public static func load(path: String) throws -> WebUsers {
        guard FileManager.default.fileExists(atPath: path) else { return WebUsers(hashes: [:]) }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw Problem.unreadable(path, error.localizedDescription) }
        var hashes: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else { throw Problem.badLine(path, number + 1, "expected name:bcrypt-hash") }
            let name = String(line[..<colon]), hash = String(line[line.index(after: colon)...])
            guard validName(name) else { throw Problem.badLine(path, number + 1, Problem.badName(name).description) }
            // bcrypt's $2a$, $2b$ and $2y$ (htpasswd writes 2y) with a cost and 53 characters of salt and hash.
            guard hash.count == 60, ["$2a$", "$2b$", "$2y$"].contains(String(hash.prefix(4))) else {
                throw Problem.badLine(path, number + 1, "the hash of \(name) is not a bcrypt hash ($2y$... as htpasswd -B writes)")
            }
            hashes[name] = hash
        }
        return WebUsers(hashes: hashes)
    }

    public static func validName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy {
            ($0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-@".unicodeScalars.contains($0)))
        }
    }

    /// The line `web adduser` appends: the name and a bcrypt hash of the password (cost 12).
    public static func line(name: String, password: String) throws -> String {
        guard validName(name) else { throw Problem.badName(name) }
        return "\(name):\(Bcrypt.hash(password, cost: 12))\n"
    }

    /// Whether the password is the user's (bcrypt: a quarter of a second of CPU by design).
    func verify(_ name: String, _ password: String) -> Bool {
        guard let hash = hashes[name] else {
            // As slow for an unknown name as for a known one, so timing does not tell names apart.
            _ = Bcrypt.verify(password, hash: Self.decoy)
            return false
        }
        // htpasswd writes $2y$, which is $2b$ under another name.
        let normalised = hash.hasPrefix("$2y$") ? "$2b$" + hash.dropFirst(4) : hash
        return Bcrypt.verify(password, hash: normalised)
    }

    private static let decoy = Bcrypt.hash("chipwatch-decoy", cost: 12)
}

/// Credentials that verified recently, by a SHA-256 of name and password: HTTP Basic sends them
/// with every request, and bcrypt on each would cost a quarter of a second. Entries last five
/// minutes after their last use; a changed users file needs a restart anyway.
final class VerifiedCredentials: Sendable {
    private let seen = Mutex<[String: Date]>([:])
    static let lifetime: TimeInterval = 300

    static func key(_ name: String, _ password: String) -> String {
        SHA256.hash(data: Data("\(name)\u{0}\(password)".utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether the credentials verified within `lifetime` of their last use; a use renews them,
    /// so a client sending Basic on every request never pays bcrypt again mid-stream (with a
    /// fixed expiry, every request in flight at that moment waited about a second).
    func contains(_ key: String, now: Date) -> Bool {
        seen.withLock { table in
            guard let at = table[key] else { return false }
            if now.timeIntervalSince(at) > Self.lifetime { table[key] = nil; return false }
            table[key] = now
            return true
        }
    }

    func insert(_ key: String, now: Date) {
        seen.withLock { table in
            if table.count > 10_000 { table = table.filter { now.timeIntervalSince($0.value) <= Self.lifetime } }
            table[key] = now
        }
    }
}
