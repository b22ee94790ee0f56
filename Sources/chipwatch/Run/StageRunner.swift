import Foundation

/// What one stage child did.
struct StageResult {
    var name: String
    var exitStatus: Int32?
    var signal: Int32?
    var seconds: Double
    var output: String

    var succeeded: Bool { exitStatus == 0 }

    /// `parse: killed by signal 9 (SIGKILL)` or `fetch: exited with status 74`.
    var failure: String? {
        if let signal { return "\(name): killed by signal \(signal)\(SignalName.of(signal).map { " (\($0))" } ?? "")" }
        if let exitStatus, exitStatus != 0 { return "\(name): exited with status \(exitStatus)" }
        return nil
    }
}

/// Starts each stage as a child process of this same executable.
struct StageRunner {
    var baseArguments: [String]
    var isolateNetwork: Bool

    /// Runs `chipwatch <base> <stage> <arguments>`, without network when asked and
    /// possible (an empty user+network namespace through util-linux `unshare`).
    func run(_ stage: String, arguments: [String], offline: Bool) -> StageResult {
        let process = Process()
        var argv = baseArguments + [stage] + arguments
        if offline && isolateNetwork {
            process.executableURL = URL(fileURLWithPath: NetworkIsolation.unshare)
            argv = ["--user", "--map-root-user", "--net", "--", ChildProcess.selfExecutable] + argv
        } else {
            process.executableURL = URL(fileURLWithPath: ChildProcess.selfExecutable)
        }
        process.arguments = argv
        var environment = ProcessInfo.processInfo.environment
        environment[StageGuard.variable] = String(getpid())
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        let start = Date()
        do {
            try process.run()
        } catch {
            return StageResult(name: stage, exitStatus: 127, signal: nil, seconds: 0, output: "cannot start: \(error)\n")
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        if process.terminationReason == .uncaughtSignal {
            return StageResult(name: stage, exitStatus: nil, signal: process.terminationStatus, seconds: seconds, output: output)
        }
        return StageResult(name: stage, exitStatus: process.terminationStatus, signal: nil, seconds: seconds, output: output)
    }
}

/// Whether stages that need no network can run in an empty network namespace here.
enum NetworkIsolation {
    static let unshare = "/usr/bin/unshare"

    /// Tries it once: unprivileged user namespaces may be disabled by the kernel or a container.
    static func available() -> (Bool, String) {
        guard FileManager.default.isExecutableFile(atPath: unshare) else { return (false, "util-linux unshare not found") }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: unshare)
        probe.arguments = ["--user", "--map-root-user", "--net", "--", "/bin/true"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return (false, "unshare could not start") }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? (true, "applied") : (false, "the kernel refused a user+network namespace")
    }
}

enum SignalName {
    static func of(_ signal: Int32) -> String? {
        [SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGTERM: "SIGTERM", SIGBUS: "SIGBUS",
         SIGILL: "SIGILL", SIGFPE: "SIGFPE", SIGXCPU: "SIGXCPU", SIGINT: "SIGINT"][signal]
    }
}
