import Curl
import Foundation
import TestSupport

/// A real server from `Support/` (the feed server, the webhook receiver, the SMTP server),
/// started on 127.0.0.1 for one test and killed when the value goes away. Each script
/// prints "PORT <n>" first.
final class LoopbackServer: @unchecked Sendable {
    let port: Int
    private let process: Process

    /// The feed server; with `root`, `/files/NAME` serves the files of that folder (with ETags).
    convenience init(root: String? = nil) throws {
        try self.init(script: "feed_server.py", arguments: root.map { [$0] } ?? [])
    }

    /// `interpreter` is Debian's python for the SMTP server (python3-aiosmtpd lives there).
    init(script: String, arguments: [String], interpreter: [String] = ["/usr/bin/env", "python3"]) throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Support/" + script).path
        process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter[0])
        process.arguments = Array(interpreter.dropFirst()) + [path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += byte
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).replacingOccurrences(of: "PORT ", with: "")) else {
            process.terminate()
            throw TestFailure("\(script) did not start: \(String(decoding: line, as: UTF8.self))")
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
        let object = try JSONValue.read(Data(data), as: [String: Any].self)
        return (object["hits"] as? [String: Int] ?? [:], object["headers"] as? [String: [String: String]] ?? [:],
                object["peak"] as? Int ?? 0)
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
        guard let result else { throw TestFailure("no result for \(url)") }
        return try result.get().body
    }
}
