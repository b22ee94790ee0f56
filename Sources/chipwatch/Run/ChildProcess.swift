import Foundation

/// Runs this same executable as a child process, with inherited stdout and stderr.
enum ChildProcess {
    static func run(arguments: [String]) throws -> Int32 {
        fflush(nil)  // flush our buffered stdout so the child's output comes after it
        let process = Process()
        process.executableURL = URL(fileURLWithPath: selfExecutable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The running executable's own path (Linux: /proc/self/exe), whatever the cwd or PATH.
    static var selfExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
