import Core
import Foundation

// Helpers both test tiers use. This is a library target, not a test target: it runs nothing
// on its own and touches no server, network or process.

/// The checkout's own files (the shipped `feeds/`, the fixtures).
public enum Repository {
    /// The repository root, found from this file's place in the checkout.
    public static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    public static func path(_ relative: String) -> String { root + "/" + relative }
}

/// A time a test writes as text ("2026-04-01T12:00:00Z", or a day), or a failure naming it.
public func instant(_ text: String) throws -> Date {
    guard let date = Timestamp.parse(text) else { throw TestFailure("not a time: \(text)") }
    return date
}

/// A test's own failure, for what `#require` cannot say.
public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A fresh directory under /tmp, removed when the value goes away.
public final class TempDir: @unchecked Sendable {
    public let path: String

    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("chipwatch-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// JSON a test reads back (a receiver's log, a server's record), as the shape it expects.
public enum JSONValue {
    /// The parsed value as `T` (`[String: Any]`, `[[String: Any]]`, ...), or a failure that
    /// shows the text, never a crash.
    public static func read<T>(_ data: Data, as type: T.Type = T.self) throws -> T {
        let object = try JSONSerialization.jsonObject(with: data)
        guard let value = object as? T else {
            throw TestFailure("expected \(T.self), got: \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
        return value
    }
}

/// A seeded generator (SplitMix64), so a random-input test draws the same inputs on every run
/// and a failure can be replayed from its seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
