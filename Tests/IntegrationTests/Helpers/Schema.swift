import Foundation
import TestSupport

/// A public JSON shape checked against its JSON Schema under `Tests/Fixtures/`, by the
/// validator script there (Debian's python3-jsonschema, installed by `.ci/setup --tests`).
enum Schema {
    /// The validator's complaints about `json` (empty when it is valid).
    static func errors(_ schema: String, _ json: Data, dir: TempDir) throws -> String {
        let file = dir.path + "/checked-\(UUID().uuidString).json"
        try json.write(to: URL(fileURLWithPath: file))
        let run = try CLI.program("/usr/bin/python3", ["Tests/Fixtures/validate.py", "Tests/Fixtures/\(schema)", file])
        if run.status != 0 && run.status != 1 { throw TestFailure("schema validator failed to run: \(run.output)") }
        return run.status == 0 ? "" : run.output
    }
}
