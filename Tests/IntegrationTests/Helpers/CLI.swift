import Foundation
import TestSupport

/// Runs the built `chipwatch` executable as a real child process.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable beside the test bundle in the build folder.
    static var executable: String {
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        // On Linux the test binary is .build/<triple>/debug/chipwatchPackageTests.xctest.
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("chipwatch").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return "chipwatch"
    }

    static var repositoryRoot: String { Repository.root }

    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, cwd: String? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        env.merge(environment) { $1 }
        let (status, out, err) = try spawn(executable, arguments, stdin: stdin, cwd: cwd, environment: env, mergeOutput: false)
        return Result(status: status, stdout: out, stderr: err)
    }

    /// Runs `path` and waits for it to exit; its input and output go through files, not pipes.
    /// A pipe's write end leaks into any process another test starts at the same moment
    /// (Foundation does not open pipes close-on-exec), and then the reader waits for an EOF
    /// that comes only when that other process ends: a deadlock when that process waits for
    /// this one (seen: the psql call that cut a waiting extract never returned, because the
    /// extract held its pipe). A file has no EOF to wait for.
    private static func spawn(_ path: String, _ arguments: [String], stdin: String?, cwd: String?,
                              environment: [String: String], mergeOutput: Bool) throws -> (Int32, String, String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("chipwatch-cli-\(UUID().uuidString)").path
        let (inPath, outPath, errPath) = (base + ".in", base + ".out", base + ".err")
        defer { for file in [inPath, outPath, errPath] { try? FileManager.default.removeItem(atPath: file) } }
        for file in [inPath, outPath, errPath] {
            guard FileManager.default.createFile(atPath: file, contents: file == inPath ? Data((stdin ?? "").utf8) : Data()) else {
                throw TestFailure("cannot create \(file)")
            }
        }
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer { for handle in [input, output, errors] { try? handle.close() } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd ?? repositoryRoot)
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = mergeOutput ? output : errors
        try process.run()
        // Not waitUntilExit: it spins a run loop, which can hang on a test's cooperative thread.
        while process.isRunning { usleep(2000) }
        let read = { (file: String) in String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self) }
        return (process.terminationStatus, read(outPath), read(errPath))
    }

    /// Runs any program, with stdout and stderr combined; returns its status and output.
    static func program(_ path: String, _ arguments: [String], cwd: String? = nil,
                        environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let (status, output, _) = try spawn(path, arguments, stdin: nil, cwd: cwd, environment: env, mergeOutput: true)
        return (status, output)
    }
}
