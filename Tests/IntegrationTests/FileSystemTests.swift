import Foundation
import TestSupport
import Testing

/// Whether this machine lets an unprivileged process make a user+mount namespace.
enum MountNamespace {
    static func available() -> Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["--user", "--map-root-user", "--mount", "true"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        while probe.isRunning { usleep(2000) }
        return probe.terminationStatus == 0
    }
}

/// A state directory on a read-only or a full file system, made real with a tmpfs mounted
/// inside a user+mount namespace (util-linux `unshare`), where the kernel allows it.
@Suite("File system failures", .serialized, .enabled(if: MountNamespace.available()))
struct FileSystemTests {}

extension FileSystemTests {
    /// Runs a shell script in a private mount namespace; returns its output.
    func inNamespace(_ script: String) throws -> String {
        try CLI.program("/usr/bin/unshare", ["--user", "--map-root-user", "--mount", "sh", "-c", script],
                        environment: ["SWIFT_BACKTRACE": "enable=no"]).output
    }

    @Test("a read-only state directory is a clear error naming it, exit 74, nothing else touched")
    func readOnly() throws {
        let dir = try TempDir()
        let output = try inNamespace("""
            mount -t tmpfs -o ro tmpfs \(dir.path) && \(CLI.executable) --state-dir \(dir.path)/state feeds; echo "rc=$?"
            """)
        #expect(output.contains("rc=74"), "\(output)")
        #expect(output.contains("\(dir.path)/state"), "\(output)")
        #expect(output.lowercased().contains("read only") || output.lowercased().contains("read-only"), "\(output)")
    }

    @Test("a full file system stops fetch with a clear error; the database stays consistent")
    func full() throws {
        let server = try LoopbackServer()
        let dir = try TempDir()
        _ = try dir.write("feeds.yaml", """
            feeds:
              - {id: small, url: "\(server.url("/feed/plain"))", tier: 2}
              - {id: big, url: "\(server.url("/big?size=1500000&noise=1"))", tier: 2}
            """)
        let config = try dir.write("chipwatch.yaml", "feeds: feeds.yaml\nfetch: {allow_private_networks: true}\n")
        let state = dir.path + "/mnt/state"
        try FileManager.default.createDirectory(atPath: dir.path + "/mnt", withIntermediateDirectories: true)
        let cw = "\(CLI.executable) --config \(config) --state-dir \(state)"
        let output = try inNamespace("""
            mount -t tmpfs -o size=1200k tmpfs \(dir.path)/mnt || exit 9
            \(cw) --log-level error fetch; echo "fetch rc=$?"
            \(cw) --log-level error parse; echo "parse rc=$?"
            \(cw) feeds --format csv; echo "feeds rc=$?"
            """)
        #expect(output.contains("fetch rc=74"), "\(output)")
        #expect(output.contains("cannot record feed big") && output.lowercased().contains("full"), "\(output)")
        // What was committed stays readable and consistent.
        #expect(output.contains("parse rc=0"), "\(output)")
        #expect(output.contains("feeds rc=0"), "\(output)")
    }
}
