import Foundation
import TestSupport
import Testing

/// The units under systemd/, checked with systemd's own analyser where it is installed.
@Suite("systemd units", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze")))
struct SystemdUnitTests {
    static let units = ["chipwatch-fetch.service", "chipwatch-parse.service", "chipwatch-extract.service", "chipwatch-evaluate.service", "chipwatch-notify.service", "chipwatch-run.service",
                        "chipwatch-web.service", "chipwatch.target", "chipwatch.timer", "chipwatch-run.timer"]

    /// Runs systemd-analyze and returns its exit status and combined output.
    func analyze(_ arguments: [String], in directory: String) throws -> (Int32, String) {
        try CLI.program("/usr/bin/systemd-analyze", arguments, cwd: directory, environment: ["SYSTEMD_LOG_LEVEL": "warning"])
    }

    /// The units with ExecStart pointing at the binary just built (verify checks it exists).
    func installed() throws -> TempDir {
        let dir = try TempDir()
        for unit in Self.units {
            let text = try String(contentsOfFile: CLI.repositoryRoot + "/systemd/" + unit, encoding: .utf8)
            _ = try dir.write(unit, text.replacingOccurrences(of: "/usr/local/bin/chipwatch", with: CLI.executable))
        }
        return dir
    }

    @Test("every unit passes systemd-analyze verify")
    func verify() throws {
        let dir = try installed()
        let (status, output) = try analyze(["verify", "--man=no"] + Self.units.map { "./" + $0 }, in: dir.path)
        #expect(status == 0, "\(output)")
        #expect(!output.contains("Unknown key") && !output.contains("Failed"), "\(output)")
    }

    @Test("every service scores 2.0 or less in systemd-analyze security", arguments: [
        "chipwatch-fetch.service", "chipwatch-parse.service", "chipwatch-extract.service", "chipwatch-evaluate.service", "chipwatch-notify.service", "chipwatch-run.service",
        "chipwatch-web.service",
    ])
    func security(unit: String) throws {
        let dir = try installed()
        let (_, output) = try analyze(["security", "--offline=yes", "--no-pager", "./" + unit], in: dir.path)
        let line = try #require(output.split(separator: "\n").last { $0.contains("Overall exposure level") })
        let score = try #require(line.split(separator: " ").compactMap { Double($0) }.first)
        #expect(score <= 2.0, "\(line)")
    }

    /// The drop-ins for a PostgreSQL store (README, "More than one machine") and the units they go with.
    static let postgresDropIns = [
        ("postgres-store.conf", ["chipwatch-fetch.service", "chipwatch-notify.service", "chipwatch-run.service"]),
        ("postgres-store-offline.conf", ["chipwatch-parse.service", "chipwatch-extract.service", "chipwatch-evaluate.service"]),
    ]

    @Test("with the PostgreSQL drop-ins every service still verifies, scores 2.0 or less and loads the store's credential")
    func postgresDropIns() throws {
        for (dropIn, units) in Self.postgresDropIns {
            let extra = try String(contentsOfFile: CLI.repositoryRoot + "/systemd/" + dropIn, encoding: .utf8)
            #expect(extra.contains("LoadCredential=pg-password:"))
            for unit in units {
                // A drop-in's [Service] lines apply after the unit's: appended, they mean the same.
                let dir = try installed()
                let text = try String(contentsOfFile: dir.path + "/" + unit, encoding: .utf8)
                _ = try dir.write(unit, text + "\n" + extra.split(separator: "\n").filter { $0 != "[Service]" }.joined(separator: "\n") + "\n")
                let (status, output) = try analyze(["verify", "--man=no", "./" + unit], in: dir.path)
                #expect(status == 0 && !output.contains("Unknown key"), "\(unit) + \(dropIn): \(output)")
                let (_, security) = try analyze(["security", "--offline=yes", "--no-pager", "./" + unit], in: dir.path)
                let line = try #require(security.split(separator: "\n").last { $0.contains("Overall exposure level") })
                let score = try #require(line.split(separator: " ").compactMap { Double($0) }.first)
                #expect(score <= 2.0, "\(unit) + \(dropIn): \(line)")
            }
        }
    }

    @Test("each hardening directive carries a comment above it")
    func commented() throws {
        for unit in Self.units where unit.hasSuffix(".service") {
            let lines = try String(contentsOfFile: CLI.repositoryRoot + "/systemd/" + unit, encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let serviceStart = try #require(lines.firstIndex(of: "[Service]"))
            var previous = ""
            for line in lines[(serviceStart + 1)...] where !line.isEmpty {
                let key = line.split(separator: "=").first.map(String.init) ?? ""
                let needsComment = !line.hasPrefix("#") && !["Type", "ExecStart"].contains(key)
                // A group of related directives may share the comment above the first.
                if needsComment && !previous.hasPrefix("#") && !previous.contains("=") {
                    Issue.record("\(unit): \(line) has no comment")
                }
                previous = line
            }
        }
    }
}
