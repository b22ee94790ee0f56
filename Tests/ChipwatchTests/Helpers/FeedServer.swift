import Curl
import Foundation

/// The real HTTP server of `Support/feed_server.py`, started on 127.0.0.1 for one test
/// and killed when the value goes away.
final class FeedServer: @unchecked Sendable {
    let port: Int
    private let process: Process

    /// With `root`, `/files/NAME` serves the files of that folder (with ETags).
    init(root: String? = nil) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Support/feed_server.py").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + (root.map { [$0] } ?? [])
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        // The first line is "PORT <n>".
        var line = Data()
        while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += byte
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).replacingOccurrences(of: "PORT ", with: "")) else {
            process.terminate()
            throw TestFailure("feed server did not start: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
    }

    deinit {
        // Plain kill and waitpid: Foundation's waitUntilExit spins a run loop, which can
        // hang on a test's cooperative thread.
        let pid = process.processIdentifier
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// What the server saw: hits per path, the last request headers per path, peak concurrency.
    func stats() throws -> (hits: [String: Int], headers: [String: [String: String]], peak: Int) {
        let data = try HTTPGet.body(url("/stats"))
        let object = try JSONSerialization.jsonObject(with: Data(data)) as! [String: Any]
        return (object["hits"] as? [String: Int] ?? [:], object["headers"] as? [String: [String: String]] ?? [:],
                object["peak"] as? Int ?? 0)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A fresh directory under /tmp, removed when the value goes away.
final class TempDir: @unchecked Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("chipwatch-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// A plain GET through chipwatch's own libcurl wrapper (Foundation's URL loading is not
/// available without FoundationNetworking on Linux).
enum HTTPGet {
    static func body(_ url: String) throws -> [UInt8] {
        var limits = TransferLimits()
        limits.allowPrivateNetworks = true
        var result: Result<HTTPResponse, TransferError>?
        try TransferBatch.perform([HTTPRequest(url: url)], limits: limits, concurrency: 1, perHost: 1) { result = $1 }
        return try result!.get().body
    }
}
