import Core
import Foundation
import Yams

/// Reads `dictionary.yaml` (format in the README, "The dictionary").
public enum DictionaryFile {
    static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december"]

    /// Loads and validates one dictionary file; throws a `ConfigError` listing every problem.
    public static func load(path: String) throws -> ChipDictionary {
        let reader = YAMLReader(file: path)
        let dictionary = read(path: path, reader: reader)
        if !reader.issues.isEmpty { throw ConfigError(reader.issues) }
        return dictionary
    }

    static func read(path: String, reader r: YAMLReader) -> ChipDictionary {
        var dictionary = ChipDictionary()
        guard let root = r.load(path),
              let top = r.mapping(root, "", allowed: ["vendors", "products", "agencies", "events", "cues", "ignore", "confidence_model"],
                                  required: ["vendors", "products", "events"]) else { return dictionary }
        var seen: [String: Int] = [:]
        func unique(_ name: String, _ node: Node, _ field: String) {
            if let line = seen[name.lowercased()] {
                r.issue(node, field, "\"\(name)\" is already defined on line \(line)")
            }
            seen[name.lowercased()] = node.mark?.line ?? 0
        }
        func phrases(_ node: Node?, _ field: String) -> [String] {
            guard let node, let list = r.strings(node, field) else { return [] }
            for (index, phrase) in list.enumerated() {
                let halves = phrase.components(separatedBy: "...")
                if halves.contains(where: { $0.trimmingCharacters(in: .whitespaces).dropLast().contains("*") }) {
                    r.issue(node, "\(field)[\(index)]", "\"\(phrase)\": * may only end a phrase (or one side of \"...\")")
                }
                if halves.count > 2 || halves.contains(where: { CompiledDictionaryCheck.isEmpty($0) }) {
                    r.issue(node, "\(field)[\(index)]", "\"\(phrase)\" has no letters or digits to match"
                        + (halves.count > 1 ? " on one side of \"...\"" : ""))
                }
            }
            return list
        }

        if let node = top["vendors"], let items = r.sequence(node, "vendors") {
            for (index, item) in items.enumerated() {
                let field = "vendors[\(index)]"
                guard let map = r.mapping(item, field, allowed: ["name", "aliases", "fiscal_year_end", "lines"], required: ["name"]),
                      let nameNode = map["name"], let name = r.string(nameNode, "\(field).name") else { continue }
                unique(name, nameNode, "\(field).name")
                var fiscalYearEnd: Int? = nil
                if let node = map["fiscal_year_end"], let month = r.string(node, "\(field).fiscal_year_end") {
                    fiscalYearEnd = DictionaryFile.months.firstIndex(of: month.lowercased()).map { $0 + 1 }
                    if fiscalYearEnd == nil { r.issue(node, "\(field).fiscal_year_end", "\"\(month)\" is not a month name (january ... december)") }
                }
                dictionary.vendors.append(.init(name: name, aliases: phrases(map["aliases"], "\(field).aliases"), fiscalYearEnd: fiscalYearEnd,
                                               lines: phrases(map["lines"], "\(field).lines")))
            }
        }
        let vendorNames = Set(dictionary.vendors.map(\.name))
        var families: [(String, Node, String)] = []
        if let node = top["products"], let items = r.sequence(node, "products") {
            for (index, item) in items.enumerated() {
                let field = "products[\(index)]"
                guard let map = r.mapping(item, field, allowed: ["name", "vendor", "family", "aliases", "context_aliases"],
                                          required: ["name", "vendor"]),
                      let nameNode = map["name"], let name = r.string(nameNode, "\(field).name"),
                      let vendorNode = map["vendor"], let vendor = r.string(vendorNode, "\(field).vendor") else { continue }
                unique(name, nameNode, "\(field).name")
                if !vendorNames.contains(vendor) {
                    r.issue(vendorNode, "\(field).vendor", "\"\(vendor)\" is not one of the vendors")
                }
                var product = ChipDictionary.Product(name: name, vendor: vendor, aliases: phrases(map["aliases"], "\(field).aliases"),
                                                     contextAliases: phrases(map["context_aliases"], "\(field).context_aliases"))
                if let familyNode = map["family"], let family = r.string(familyNode, "\(field).family") {
                    product.family = family
                    families.append((family, familyNode, "\(field).family"))
                }
                dictionary.products.append(product)
            }
        }
        let productNames = Set(dictionary.products.map(\.name))
        for (family, node, field) in families where !productNames.contains(family) {
            r.issue(node, field, "\"\(family)\" is not one of the products (a family is itself a product)")
        }
        if let node = top["agencies"], let items = r.sequence(node, "agencies") {
            for (index, item) in items.enumerated() {
                let field = "agencies[\(index)]"
                guard let map = r.mapping(item, field, allowed: ["name", "kind", "aliases"], required: ["name", "kind"]),
                      let nameNode = map["name"], let name = r.string(nameNode, "\(field).name"),
                      let kindNode = map["kind"], let kindText = r.string(kindNode, "\(field).kind") else { continue }
                guard let kind = ChipDictionary.Agency.Kind(rawValue: kindText) else {
                    r.issue(kindNode, "\(field).kind", "\"\(kindText)\" must be regulator, list or rule")
                    continue
                }
                unique(name, nameNode, "\(field).name")
                dictionary.agencies.append(.init(name: name, kind: kind, aliases: phrases(map["aliases"], "\(field).aliases")))
            }
        }
        if let node = top["events"],
           let map = r.mapping(node, "events", allowed: Set(EventKind.allCases.map(\.rawValue))) {
            for (key, value) in map {
                let field = "events.\(key)"
                guard let kind = EventKind(rawValue: key),
                      let words = r.mapping(value, field, allowed: ["phrases", "headline_only", "weak", "topic"], required: ["phrases"])
                else { continue }
                dictionary.events[kind] = .init(phrases: phrases(words["phrases"], "\(field).phrases"),
                                                headlineOnly: phrases(words["headline_only"], "\(field).headline_only"),
                                                weak: phrases(words["weak"], "\(field).weak"),
                                                topic: phrases(words["topic"], "\(field).topic"))
            }
        }
        if let node = top["cues"], let map = r.mapping(node, "cues", allowed: Set(ChipDictionary.Cue.allCases.map(\.rawValue))) {
            for (key, value) in map {
                if let cue = ChipDictionary.Cue(rawValue: key) { dictionary.cues[cue] = phrases(value, "cues.\(key)") }
            }
        }
        dictionary.ignore = phrases(top["ignore"], "ignore")
        if let node = top["confidence_model"], let file = r.string(node, "confidence_model") {
            let modelPath = file.hasPrefix("/") ? file
                : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(file).path
            let modelReader = YAMLReader(file: modelPath)
            dictionary.confidenceModel = readModel(modelPath, modelReader)
            for issue in modelReader.issues { r.issue(node, "confidence_model", "\(issue.file):\(issue.line): \(issue.field): \(issue.message)") }
        }
        return dictionary
    }

    /// `bias: -1.2` and `weights: {kind:ship: 0.4, ...}`, as train-confidence.py writes them.
    static func readModel(_ path: String, _ r: YAMLReader) -> ConfidenceModel? {
        guard let root = r.load(path), let top = r.mapping(root, "", allowed: ["bias", "weights"], required: ["bias", "weights"]),
              let biasNode = top["bias"], let weightsNode = top["weights"] else { return nil }
        guard let biasText = r.string(biasNode, "bias"), let bias = Double(biasText) else {
            r.issue(biasNode, "bias", "must be a number")
            return nil
        }
        guard case .mapping(let mapping) = weightsNode else {
            r.issue(weightsNode, "weights", "must be a mapping of feature names to numbers")
            return nil
        }
        var weights: [String: Double] = [:]
        for (key, value) in mapping {
            guard let name = key.string, let text = value.string, let weight = Double(text) else {
                r.issue(value, "weights", "each weight must be a number")
                continue
            }
            weights[name] = weight
        }
        return ConfidenceModel(bias: bias, weights: weights)
    }
}

/// Whether a phrase keeps anything after matching drops spaces and punctuation.
enum CompiledDictionaryCheck {
    static func isEmpty(_ phrase: String) -> Bool {
        !phrase.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
