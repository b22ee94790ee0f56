import Foundation
import GRDB
import Testing
import TestSupport

/// The JSON chipwatch prints or keeps is the contract users and tools read: each shape has a
/// JSON Schema and a golden example under `Tests/Fixtures/`. After the demo's dated story,
/// every line of every listing, of the export and of the audit log must validate, and so
/// must `extract-text` and `parse-file` output and each golden example.
@Suite("Wire shapes")
struct WireShapeTests {
    /// The demo's state and the configuration it kept.
    static func demo(_ dir: TempDir) throws -> (state: String, config: String, configDir: String) {
        let state = dir.path + "/state"
        let demo = try CLI.run(["demo", "--state-dir", state])
        #expect(demo.status == 0, "\(demo.stderr)")
        // The demo keeps its configuration beside the state it was given and says where.
        let kept = try #require(demo.stdout.split(separator: "\n").last { $0.hasPrefix("kept: ") })
        let configDir = try #require(kept.split(separator: " ").dropFirst().first).description
        return (state, configDir + "/chipwatch.yaml", configDir)
    }

    @Test("every line of the listings, the export and the audit log validates against its schema")
    func listings() throws {
        let dir = try TempDir()
        let (state, config, configDir) = try Self.demo(dir)
        defer { try? FileManager.default.removeItem(atPath: configDir) }
        let commands: [(schema: String, arguments: [String])] = [
            ("signals", ["signals"]), ("signals", ["signals", "--story"]), ("milestones", ["milestones"]),
            ("alerts", ["alerts"]), ("feeds", ["feeds"]), ("deliveries", ["outbox", "list"]),
        ]
        for (schema, arguments) in commands {
            let listing = try CLI.run(["--config", config, "--state-dir", state] + arguments + ["--format", "json"])
            #expect(listing.status == 0, "\(arguments): \(listing.stderr)")
            let lines = Schema.lines(listing.stdout)
            #expect(lines.count >= 3, "\(arguments) lists something to check")
            let errors = try Schema.errors("\(schema).schema.json", lines, dir: dir)
            #expect(errors.isEmpty, "\(arguments): \(errors)")
        }

        let out = dir.path + "/export.jsonl"
        let export = try CLI.run(["--config", config, "--state-dir", state, "export", "--since", "2000-01-01", "--out", out])
        #expect(export.status == 0, "\(export.stderr)")
        let lines = Schema.lines(try String(contentsOfFile: out, encoding: .utf8))
        let types = Set(try lines.map { try JSONValue.read($0, as: [String: Any].self)["type"] as? String ?? "?" })
        #expect(types == ["signal", "story", "transition", "alert"])
        let exportErrors = try Schema.errors("export.schema.json", lines, dir: dir)
        #expect(exportErrors.isEmpty, "\(exportErrors)")

        let db = try DatabaseQueue(path: state + "/chipwatch.sqlite")
        let bodies = try db.read { db in try String.fetchAll(db, sql: "SELECT body FROM audit_log ORDER BY seq") }
        let kinds = try db.read { db in try Set(String.fetchAll(db, sql: "SELECT kind FROM audit_log")) }
        #expect(kinds == ["signal", "transition", "alert"])
        let auditErrors = try Schema.errors("audit-entry.schema.json", bodies.map { Data($0.utf8) }, dir: dir)
        #expect(auditErrors.isEmpty, "\(auditErrors)")
    }

    @Test("extract-text lines, errors included, and parse-file output validate")
    func extractTextAndParseFile() throws {
        let dir = try TempDir()
        let input = """
            {"id": "a", "title": "Huawei begins shipping Ascend 950PR", "text": "Huawei said it has begun shipping 10,000 units.", "date": "2026-03-20"}
            {"id": 7, "title": "Nvidia delays Rubin to 2027, sources say", "date": "2026-05"}
            {"id": [1, {"k": null}], "title": "Results"}
            not json
            {"id": "b", "date": "March"}

            """
        for flags in [[], ["--features"]] {
            let run = try CLI.run(["extract-text"] + flags, stdin: input)
            #expect(run.status == 65, "the two bad lines make it exit 65")
            let lines = Schema.lines(run.stdout)
            #expect(lines.count == 5)
            let errors = try Schema.errors("extract-text.schema.json", lines, dir: dir)
            #expect(errors.isEmpty, "\(errors)")
        }
        let feeds = ["trade-press.atom", "huawei-newsroom.xml", "asia-wire.xml", "federal-register-bis.xml"]
        let parsed = try feeds.map { feed -> Data in
            let run = try CLI.run(["parse-file", Repository.path("feeds/samples/\(feed)")])
            #expect(run.status == 0, "\(feed): \(run.stderr)")
            return Data(run.stdout.utf8)
        }
        let errors = try Schema.errors("parsed-feed.schema.json", parsed, dir: dir)
        #expect(errors.isEmpty, "\(errors)")
    }

    struct Golden: CustomTestStringConvertible, Sendable {
        var example: String
        var schema: String
        /// A member to break, and what to put there.
        var field: String
        var wrong: String
        var testDescription: String { example }
    }

    static let goldens: [Golden] = [
        Golden(example: "signals", schema: "signals", field: "id", wrong: "not an id"),
        Golden(example: "milestones", schema: "milestones", field: "id", wrong: "[]"),
        Golden(example: "alerts", schema: "alerts", field: "id", wrong: "not an id"),
        Golden(example: "feeds", schema: "feeds", field: "id", wrong: "[]"),
        Golden(example: "deliveries", schema: "deliveries", field: "state", wrong: "lost"),
        Golden(example: "export", schema: "export", field: "signals", wrong: "[]"),
        Golden(example: "export-transition", schema: "export", field: "to", wrong: "done"),
        Golden(example: "extract-text", schema: "extract-text", field: "unknown_products", wrong: "none"),
        Golden(example: "audit-entry-signal", schema: "audit-entry", field: "seq", wrong: "first"),
        Golden(example: "audit-entry-transition", schema: "audit-entry", field: "days_late", wrong: "late"),
        Golden(example: "audit-entry-alert", schema: "audit-entry", field: "notice", wrong: "maybe"),
        Golden(example: "unknown-names", schema: "unknown-names", field: "signals", wrong: "many"),
        Golden(example: "parsed-feed", schema: "parsed-feed", field: "format", wrong: "html"),
    ]

    @Test("each golden example is valid, and a wrong value in it is caught", arguments: goldens)
    func golden(_ golden: Golden) throws {
        let dir = try TempDir()
        let example = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Tests/Fixtures/\(golden.example).example.json")))
        let schema = "\(golden.schema).schema.json"
        #expect(try Schema.errors(schema, example, dir: dir).isEmpty)
        var object = try JSONValue.read(example, as: [String: Any].self)
        #expect(object[golden.field] != nil, "the example has \(golden.field)")
        // "[]" stands for an empty array, where a string or number belongs.
        object[golden.field] = golden.wrong == "[]" ? [String]() : golden.wrong
        let broken = try Schema.errors(schema, try JSONSerialization.data(withJSONObject: object), dir: dir)
        #expect(!broken.isEmpty, "\(golden.example): \(golden.field) = \(golden.wrong) passed")
    }

    @Test("a shape closed over a shared fragment still refuses a member it does not define")
    func closed() throws {
        let dir = try TempDir()
        let example = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Tests/Fixtures/signals.example.json")))
        var object = try JSONValue.read(example, as: [String: Any].self)
        object["surprise"] = 1
        let broken = try Schema.errors("signals.schema.json", try JSONSerialization.data(withJSONObject: object), dir: dir)
        #expect(broken.contains("surprise"), "\(broken)")
    }
}
