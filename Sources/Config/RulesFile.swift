import Core
import Foundation
import Yams

/// Reads `rules.yaml`: settings, rules over signals, silences, receivers and routes (format
/// in the README, "How evaluation behaves" and "How notification behaves").
enum RulesFile {
    static func read(path: String, reader r: YAMLReader, dictionary: ChipDictionary?) -> RuleSet {
        var set = RuleSet()
        guard let root = r.load(path),
              let top = r.mapping(root, "", allowed: ["settings", "rules", "silences", "receivers", "routes"]) else { return set }
        if let node = top["settings"] { readSettings(node, r, &set) }
        if let node = top["rules"], let items = r.sequence(node, "rules") {
            var names: [String: Int] = [:]
            for (index, item) in items.enumerated() {
                let field = "rules[\(index)]"
                guard let map = r.mapping(item, field, allowed: ["name", "match", "severity", "labels"], required: ["name"]),
                      let nameNode = map["name"], let name = r.string(nameNode, "\(field).name") else { continue }
                if let line = names[name] { r.issue(nameNode, "\(field).name", "\"\(name)\" is already used on line \(line)") }
                names[name] = nameNode.mark?.line ?? 0
                var rule = RuleSet.Rule(name: name)
                if let node = map["match"] { readMatch(node, "\(field).match", r, &rule, dictionary: dictionary) }
                if let node = map["severity"], let severity = readSeverity(node, "\(field).severity", r) { rule.severity = severity }
                if let node = map["labels"] { rule.labels = readLabels(node, "\(field).labels", r) }
                set.rules.append(rule)
            }
        }
        if let node = top["silences"], let items = r.sequence(node, "silences") {
            for (index, item) in items.enumerated() {
                let field = "silences[\(index)]"
                guard let map = r.mapping(item, field, allowed: ["match", "until", "reason"], required: ["match", "until", "reason"]),
                      let untilNode = map["until"], let untilText = r.string(untilNode, "\(field).until"),
                      let reasonNode = map["reason"], let reason = r.string(reasonNode, "\(field).reason"),
                      let matchNode = map["match"],
                      let match = r.mapping(matchNode, "\(field).match", allowed: ["milestone", "vendor", "rule", "labels"]) else { continue }
                guard let until = Timestamp.parse(untilText) else {
                    r.issue(untilNode, "\(field).until", "\"\(untilText)\" must be a date or time (2026-12-31 or 2026-12-31T08:00:00Z)")
                    continue
                }
                if match.isEmpty { r.issue(matchNode, "\(field).match", "must name a milestone, vendor, rule or labels") }
                var silence = RuleSet.Silence(until: until, reason: reason)
                silence.milestone = match["milestone"].flatMap { r.string($0, "\(field).match.milestone") }
                silence.vendor = match["vendor"].flatMap { r.string($0, "\(field).match.vendor") }
                silence.rule = match["rule"].flatMap { r.string($0, "\(field).match.rule") }
                if let node = match["labels"] { silence.labels = readLabels(node, "\(field).match.labels", r) }
                set.silences.append(silence)
            }
        }
        ReceiversReader.read(receivers: top["receivers"], routes: top["routes"], r, into: &set)
        return set
    }

    static func readSettings(_ node: Node, _ r: YAMLReader, _ set: inout RuleSet) {
        guard let map = r.mapping(node, "settings", allowed: ["repeat_interval", "group_wait", "watch_vendors", "severity",
                                                              "max_attempts", "max_age", "delivery_timeout"]) else { return }
        if let node = map["max_attempts"], let n = r.int(node, "settings.max_attempts", range: 1...100) { set.delivery.maxAttempts = n }
        if let node = map["max_age"], let seconds = duration(node, "settings.max_age", r) { set.delivery.maxAgeSeconds = seconds }
        if let node = map["delivery_timeout"], let seconds = duration(node, "settings.delivery_timeout", r) {
            set.delivery.timeoutSeconds = seconds
        }
        if let node = map["repeat_interval"], let seconds = duration(node, "settings.repeat_interval", r) { set.repeatIntervalSeconds = seconds }
        if let node = map["group_wait"], let seconds = duration(node, "settings.group_wait", r) { set.groupWaitSeconds = seconds }
        if let node = map["watch_vendors"], let vendors = r.strings(node, "settings.watch_vendors") { set.watchVendors = vendors }
        if let node = map["severity"],
           let severities = r.mapping(node, "settings.severity", allowed: Set(RuleSet.defaultTransitionSeverity.keys)) {
            for (key, value) in severities {
                if let severity = readSeverity(value, "settings.severity.\(key)", r) { set.transitionSeverity[key] = severity }
            }
        }
    }

    static func readMatch(_ node: Node, _ field: String, _ r: YAMLReader, _ rule: inout RuleSet.Rule, dictionary: ChipDictionary?) {
        guard let map = r.mapping(node, field, allowed: ["vendors", "products", "families", "events", "modalities", "tiers",
                                                         "keywords", "regex", "min_confidence"]) else { return }
        if let n = map["min_confidence"], let text = r.string(n, "\(field).min_confidence") {
            if let value = Double(text), (0...1).contains(value) { rule.minConfidence = value }
            else { r.issue(n, "\(field).min_confidence", "\"\(text)\" must be a number from 0 to 1") }
        }
        let knownProducts = Set((dictionary?.products ?? []).map(\.name))
        let knownVendors = Set((dictionary?.vendors ?? []).map(\.name))
        if let n = map["vendors"], let list = r.strings(n, "\(field).vendors") {
            for vendor in list where dictionary != nil && !knownVendors.contains(vendor) {
                r.issue(n, "\(field).vendors", "\"\(vendor)\" is not a vendor of the dictionary")
            }
            rule.vendors = list
        }
        for key in ["products", "families"] {
            guard let n = map[key], let list = r.strings(n, "\(field).\(key)") else { continue }
            for product in list where dictionary != nil && !knownProducts.contains(product) {
                r.issue(n, "\(field).\(key)", "\"\(product)\" is not a product of the dictionary")
            }
            if key == "products" { rule.products = list } else { rule.families = list }
        }
        if let n = map["events"] { rule.events = values(n, "\(field).events", r) { EventKind(rawValue: $0) } }
        if let n = map["modalities"] { rule.modalities = values(n, "\(field).modalities", r) { Modality(rawValue: $0) } }
        if let n = map["tiers"] { rule.tiers = values(n, "\(field).tiers", r) { Int($0).flatMap(SourceTier.init(rawValue:)) } }
        if let n = map["keywords"], let list = r.strings(n, "\(field).keywords") { rule.keywords = list }
        if let n = map["regex"], let pattern = r.string(n, "\(field).regex") {
            do {
                _ = try NSRegularExpression(pattern: pattern)
                rule.pattern = pattern
            } catch {
                r.issue(n, "\(field).regex", "\"\(pattern)\" is not a valid regular expression")
            }
        }
    }

    /// A list of names, each read by `parse`; an unknown one is an issue listing the known ones.
    static func values<T: CaseIterable & RawRepresentable>(_ node: Node, _ field: String, _ r: YAMLReader,
                                                           _ parse: (String) -> T?) -> [T] {
        guard let list = r.strings(node, field) else { return [] }
        return list.compactMap { text in
            guard let value = parse(text) else {
                let known = T.allCases.map { "\($0.rawValue)" }.joined(separator: ", ")
                r.issue(node, field, "\"\(text)\" must be one of \(known)")
                return nil
            }
            return value
        }
    }

    static func readSeverity(_ node: Node, _ field: String, _ r: YAMLReader) -> Severity? {
        guard let text = r.string(node, field) else { return nil }
        guard let severity = Severity(rawValue: text) else {
            r.issue(node, field, "\"\(text)\" must be info, warning or critical")
            return nil
        }
        return severity
    }

    static func readLabels(_ node: Node, _ field: String, _ r: YAMLReader) -> [String: String] {
        guard case .mapping(let mapping) = node else {
            r.issue(node, field, "must be a mapping of label names to values")
            return [:]
        }
        var labels: [String: String] = [:]
        for (key, value) in mapping {
            if let name = key.string, let text = r.string(value, "\(field).\(name)") { labels[name] = text }
        }
        return labels
    }

    static func duration(_ node: Node, _ field: String, _ r: YAMLReader) -> Double? {
        guard let text = r.string(node, field) else { return nil }
        guard let seconds = DurationText.seconds(text) else {
            r.issue(node, field, "\"\(text)\" must be a duration such as 30s, 5m, 1h or 7d")
            return nil
        }
        return seconds
    }
}
