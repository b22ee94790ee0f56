import Foundation
import Testing
import TestSupport

/// The JSON every listing prints is the contract users and tools read: each shape has a JSON
/// Schema and a golden example under `Tests/Fixtures/`. After the demo's dated story, every
/// line of every listing must validate, and so must each golden example.
@Suite("Wire shapes")
struct WireShapeTests {
    static let shapes = ["signals", "milestones", "alerts", "feeds"]

    @Test("every line of signals, milestones, alerts and feeds --format json validates against its schema")
    func listings() throws {
        let dir = try TempDir()
        let state = dir.path + "/state"
        let demo = try CLI.run(["demo", "--state-dir", state])
        #expect(demo.status == 0, "\(demo.stderr)")
        // The demo keeps its configuration beside the state it was given and says where.
        let kept = try #require(demo.stdout.split(separator: "\n").last { $0.hasPrefix("kept: ") })
        let configDir = try #require(kept.split(separator: " ").dropFirst().first).description
        defer { try? FileManager.default.removeItem(atPath: configDir) }
        let config = configDir + "/chipwatch.yaml"
        for shape in Self.shapes {
            let listing = try CLI.run(["--config", config, "--state-dir", state, shape, "--format", "json"])
            #expect(listing.status == 0, "\(shape): \(listing.stderr)")
            let lines = listing.stdout.split(separator: "\n")
            #expect(lines.count >= 3, "\(shape) lists something to check")
            for line in lines {
                let errors = try Schema.errors("\(shape).schema.json", Data(line.utf8), dir: dir)
                #expect(errors.isEmpty, "\(shape): \(errors)")
            }
        }
    }

    @Test("each golden example is valid, and a wrong type in it is caught", arguments: shapes)
    func goldens(_ shape: String) throws {
        let dir = try TempDir()
        let example = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Tests/Fixtures/\(shape).example.json")))
        #expect(try Schema.errors("\(shape).schema.json", example, dir: dir).isEmpty)
        var object = try JSONValue.read(example, as: [String: Any].self)
        object["id"] = ["not", "an", "id"]
        let broken = try Schema.errors("\(shape).schema.json", try JSONSerialization.data(withJSONObject: object), dir: dir)
        #expect(broken.contains("is not of type"), "\(shape): \(broken)")
    }
}
