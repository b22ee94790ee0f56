import Core
import Foundation

/// Turns transitions and signals into alerts: which rule fired, about what, how loud, with
/// which labels, and whether a silence mutes it.
public struct AlertPolicy: Sendable {
    let rules: RuleSet
    /// Companies whose export-control news alerts by default.
    let watched: Set<String>
    /// Each product's family chain (product, its family, the family's family, ...).
    let families: [String: [String]]
    let regexes: [String: NSRegularExpression]

    /// The built-in rule for export controls that name a watched company (or come from a
    /// tier-1 source such as the Federal Register).
    public static let exportControlRule = "export-controls"
    public static let milestoneRule = "milestone"
    public static let conflictRule = Alert.conflictRule

    public init(rules: RuleSet, roadmap: [Milestone], dictionary: ChipDictionary?) {
        self.rules = rules
        watched = Set(rules.watchVendors ?? roadmap.map(\.vendor))
        var families: [String: [String]] = [:]
        let parent = Dictionary((dictionary?.products ?? []).map { ($0.name, $0.family) }, uniquingKeysWith: { a, _ in a })
        for product in parent.keys {
            var chain = [product]
            while let next = parent[chain.last!] ?? nil, !chain.contains(next) { chain.append(next) }
            families[product] = chain
        }
        self.families = families
        var regexes: [String: NSRegularExpression] = [:]
        for rule in rules.rules {
            if let pattern = rule.pattern { regexes[rule.name] = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) }
        }
        self.regexes = regexes
    }

    // MARK: milestones

    public func alert(for transition: Transition, status: MilestoneStatus, now: Date) -> Alert {
        let milestone = status.milestone
        let state = transition.to
        var key = state.rawValue
        var summary: String
        var severityKey = state.rawValue
        switch state {
        case .shipped:
            let late = transition.daysLate ?? 0
            summary = "\(milestone.product) shipped, \(MilestoneMachine.lateness(late))"
                + (late == 0 ? " (promised \(milestone.window))" : " against the promised \(milestone.window)")
            if late > 0 { severityKey = "shipped-late" }
        case .slipped:
            summary = "\(milestone.product) slipped from \(transition.windowBefore) to \(transition.windowAfter)"
            key += ":\(transition.windowAfter)"
        case .overdue:
            summary = "\(milestone.product) is overdue: promised \(transition.windowBefore), \(transition.note)"
            key += ":\(transition.windowBefore)"
        case .cancelled:
            summary = "\(milestone.product) cancelled (promised \(milestone.window))"
        case .pending:
            summary = "\(milestone.product) pending"
        }
        let severity = rules.transitionSeverity[severityKey] ?? RuleSet.defaultTransitionSeverity[severityKey] ?? .warning
        return Alert(fingerprint: Alert.fingerprint(rule: Self.milestoneRule, subject: milestone.id, state: key),
                     kind: state == .slipped || state == .overdue ? .state : .event, rule: Self.milestoneRule,
                     subject: milestone.id, milestone: milestone.id, vendor: milestone.vendor, product: milestone.product,
                     fromState: transition.from.rawValue, toState: state.rawValue, promisedWindow: milestone.window.description,
                     observedWindow: transition.observed?.description ?? (state == .slipped ? transition.windowAfter.description : nil),
                     severity: severity,
                     labels: labels(rule: Self.milestoneRule, severity: severity, vendor: milestone.vendor,
                                    product: milestone.product, milestone: milestone.id, event: state.rawValue),
                     summary: summary, evidence: transition.evidence, firedAt: now)
    }

    public func alert(forConflict evidence: EvidenceSnapshot, status: MilestoneStatus, now: Date) -> Alert {
        let milestone = status.milestone
        let severity = rules.transitionSeverity["conflict"] ?? .warning
        // One alert per story that states the date (syndicated copies are one story).
        return Alert(fingerprint: Alert.conflictFingerprint(milestone: milestone.id, storyKey: evidence.storyKey ?? StoryKey.unkeyed(storyID: evidence.storyID),
                                                           window: evidence.window?.description),
                     kind: .event, rule: Self.conflictRule, subject: milestone.id, milestone: milestone.id,
                     vendor: milestone.vendor, product: milestone.product, fromState: status.state.rawValue,
                     toState: status.state.rawValue, promisedWindow: status.window.description, observedWindow: evidence.window?.description,
                     severity: severity,
                     labels: labels(rule: Self.conflictRule, severity: severity, vendor: milestone.vendor,
                                    product: milestone.product, milestone: milestone.id, event: "conflict"),
                     summary: "\(milestone.product): a \(evidence.modality.rawValue) date of \(evidence.window?.description ?? "?") conflicts with the roadmap's \(status.window)",
                     evidence: [evidence], firedAt: now)
    }

    // MARK: signals

    /// The alerts a signal fires: each matching rule, and the built-in export-control rule.
    public func alerts(for record: SignalRecord, now: Date) -> [Alert] {
        let signal = record.signal
        var fired: [(String, Severity, [String: String])] = []
        for rule in rules.rules where matches(rule, record) { fired.append((rule.name, rule.severity, rule.labels)) }
        // The built-in export-control rule catches what no rule of the user's caught.
        if signal.event.isTrade, fired.isEmpty, signal.modality.isEvent, signal.modality != .rumour,
           record.tier == .official || !watched.isDisjoint(with: signal.vendors),
           !fired.contains(where: { $0.0 == Self.exportControlRule }) {
            fired.append((Self.exportControlRule, .warning, [:]))
        }
        return fired.map { name, severity, extra in
            var labels = labels(rule: name, severity: severity, vendor: signal.vendors.first, product: signal.product,
                                milestone: nil, event: signal.event.rawValue)
            labels.merge(extra) { _, new in new }
            return Alert(fingerprint: Alert.signalFingerprint(rule: name, storyKey: record.storyKey, event: signal.event.rawValue),
                         kind: .event, rule: name, subject: "story:\(record.storyID)", vendor: signal.vendors.first,
                         product: signal.product, toState: signal.event.rawValue, observedWindow: signal.window?.description,
                         severity: severity, labels: labels, summary: summary(record), evidence: [EvidenceSnapshot(record)],
                         firedAt: now)
        }
    }

    func matches(_ rule: RuleSet.Rule, _ record: SignalRecord) -> Bool {
        let signal = record.signal
        if !rule.vendors.isEmpty && Set(rule.vendors).isDisjoint(with: signal.vendors) { return false }
        if !rule.products.isEmpty && !(signal.product.map(rule.products.contains) ?? false) { return false }
        if !rule.families.isEmpty {
            let chain = signal.product.map { families[$0] ?? [$0] } ?? []
            if Set(rule.families).isDisjoint(with: chain) { return false }
        }
        if !rule.events.isEmpty && !rule.events.contains(signal.event) { return false }
        if !rule.modalities.contains(signal.modality) { return false }
        if !rule.tiers.isEmpty && !rule.tiers.contains(record.tier) { return false }
        if let minimum = rule.minConfidence, signal.confidence < minimum { return false }
        let text = signal.evidence.text
        if !rule.keywords.isEmpty && !rule.keywords.contains(where: { text.range(of: $0, options: .caseInsensitive) != nil }) {
            return false
        }
        if let regex = regexes[rule.name],
           regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil { return false }
        return true
    }

    private func summary(_ record: SignalRecord) -> String {
        let s = record.signal
        let what: String
        switch s.event {
        case .restrict: what = "Export controls tightened"
        case .relax: what = "Export controls relaxed"
        case .ship: what = "\(s.product ?? "A product") shipping"
        case .slip: what = "\(s.product ?? "A product") delayed"
        case .announce: what = "\(s.product ?? "A product") announced"
        case .cancel: what = "\(s.product ?? "A product") cancelled"
        }
        let named = s.event.isTrade ? (s.lists + s.vendors + s.products).joined(separator: ", ") : ""
        return "\(what) (\(s.modality.rawValue))\(named.isEmpty ? "" : " \(named)"): \(record.title)"
    }

    private func labels(rule: String, severity: Severity, vendor: String?, product: String?, milestone: String?,
                        event: String) -> [String: String] {
        var labels = ["rule": rule, "severity": severity.rawValue, "event": event]
        if let vendor { labels["vendor"] = vendor }
        if let product { labels["product"] = product }
        if let milestone { labels["milestone"] = milestone }
        return labels
    }

    /// The reason of the first silence in force that mutes this alert, or nil.
    public func silence(for alert: Alert, now: Date) -> String? {
        rules.silences.first { silence in
            guard silence.until > now else { return false }
            if let milestone = silence.milestone, alert.milestone != milestone { return false }
            if let vendor = silence.vendor, alert.vendor != vendor { return false }
            if let rule = silence.rule, alert.rule != rule { return false }
            return silence.labels.allSatisfy { alert.labels[$0.key] == $0.value }
        }?.reason
    }
}
