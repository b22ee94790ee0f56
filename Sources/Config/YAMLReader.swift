import Foundation
import Yams

/// Reads one YAML file as a node tree and collects located issues instead of stopping at
/// the first, so `check-config` can report everything wrong at once.
final class YAMLReader {
    let file: String
    private(set) var issues: [ConfigIssue] = []

    init(file: String) { self.file = file }

    /// The root node of `path`, or nil (with an issue) when it cannot be read or parsed.
    func load(_ path: String) -> Node? {
        guard let data = FileManager.default.contents(atPath: path) else {
            issues.append(ConfigIssue(file: file, line: 0, field: "", message: "cannot read the file"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            issues.append(ConfigIssue(file: file, line: 0, field: "", message: "the file is not UTF-8"))
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                issues.append(ConfigIssue(file: file, line: 0, field: "", message: "the file is empty"))
                return nil
            }
            return node
        } catch let error as YamlError {
            issues.append(ConfigIssue(file: file, line: Self.line(of: error), field: "",
                                      message: "not valid YAML: \(Self.summary(of: error))"))
        } catch {
            issues.append(ConfigIssue(file: file, line: 0, field: "", message: "not valid YAML: \(error)"))
        }
        return nil
    }

    func issue(_ node: Node?, _ field: String, _ message: String) {
        issues.append(ConfigIssue(file: file, line: node?.mark?.line ?? 0, field: field, message: message))
    }

    /// The pairs of a mapping, complaining about keys outside `allowed` (typos must not
    /// pass silently) and about required keys that are missing.
    func mapping(_ node: Node, _ field: String, allowed: Set<String>, required: Set<String> = []) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            issue(node, field, "must be a mapping of keys to values")
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            let path = field.isEmpty ? key : "\(field).\(key)"
            if !allowed.contains(key) {
                issue(keyNode, path, "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            } else if result[key] != nil {
                issue(keyNode, path, "appears twice")
            } else {
                result[key] = value
            }
        }
        for key in required.sorted() where result[key] == nil {
            issue(node, field.isEmpty ? key : "\(field).\(key)", "is required")
        }
        return result
    }

    func sequence(_ node: Node, _ field: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            issue(node, field, "must be a list")
            return nil
        }
        return Array(sequence)
    }

    func string(_ node: Node, _ field: String) -> String? {
        guard case .scalar(let scalar) = node else {
            issue(node, field, "must be a single value")
            return nil
        }
        return scalar.string
    }

    func int(_ node: Node, _ field: String, range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, field) else { return nil }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(value) else {
            issue(node, field, "\"\(text)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    func seconds(_ node: Node, _ field: String, range: ClosedRange<Double>) -> Double? {
        guard let text = string(node, field) else { return nil }
        guard let value = Double(text), range.contains(value) else {
            issue(node, field, "\"\(text)\" must be a number of seconds from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ field: String) -> Bool? {
        guard let text = string(node, field) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            issue(node, field, "\"\(text)\" must be true or false")
            return nil
        }
    }

    func strings(_ node: Node, _ field: String) -> [String]? {
        guard let items = sequence(node, field) else { return nil }
        return items.enumerated().compactMap { string($1, "\(field)[\($0)]") }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default: return 0
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default: return "\(error)"
        }
    }
}
