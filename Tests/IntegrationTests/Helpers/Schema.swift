import Foundation
import TestSupport

/// A public JSON shape checked against its JSON Schema under `Tests/Fixtures/`, by the
/// validator script there (Debian's python3-jsonschema, installed by `.ci/setup --tests`).
enum Schema {
    /// The validator's complaints about `json` (empty when it is valid).
    static func errors(_ schema: String, _ json: Data, dir: TempDir) throws -> String {
        try errors(schema, [json], dir: dir)
    }

    /// The validator's complaints about any of `documents` (empty when all are valid), in one
    /// run of the validator.
    static func errors(_ schema: String, _ documents: [Data], dir: TempDir) throws -> String {
        var files: [String] = []
        for document in documents {
            let file = dir.path + "/checked-\(UUID().uuidString).json"
            try document.write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        let run = try CLI.program("/usr/bin/python3", ["Tests/Fixtures/validate.py", "Tests/Fixtures/\(schema)"] + files)
        if run.status != 0 && run.status != 1 { throw TestFailure("schema validator failed to run: \(run.output)") }
        return run.status == 0 ? "" : run.output
    }

    /// Each non-empty line of `output` as a document.
    static func lines(_ output: String) -> [Data] {
        output.split(separator: "\n").map { Data($0.utf8) }
    }
}
