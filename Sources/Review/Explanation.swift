import Core
import Foundation

/// What `chipwatch explain` prints: why an alert fired or a milestone stands where it does,
/// from sources to items to signals to the rule, with the evidence sentences.
public enum Explanation {
    static func evidenceLines(_ evidence: [EvidenceSnapshot], indent: String = "  ") -> String {
        evidence.map { e in
            let when = e.published.map { String(Timestamp.format($0).prefix(10)) } ?? "undated"
            return """
                \(indent)source \(e.feedID) (tier \(e.tier.rawValue)), \(when): \(e.title)
                \(indent)  \(e.url)
                \(indent)  item \(e.itemID), story \(e.storyID), signal \(e.signalID): \(e.event.rawValue) (\(e.modality.rawValue))\(e.window.map { ", window \($0)" } ?? "")
                \(indent)  "\(e.quote)"

                """
        }.joined()
    }

    public static func text(_ m: MilestoneView, roadmap: Milestone?) -> String {
        var text = "milestone \(m.id): \(m.product) (\(m.vendor))\n"
        text += "  promised \(m.promised) (\(m.promised.start) .. \(m.promised.end))"
        if let roadmap, let url = roadmap.sourceURL { text += ", stated \(roadmap.sourceDate?.description ?? "") at \(url)" }
        text += "\n  now \(m.state.rawValue)"
        if m.window != m.promised { text += ", window \(m.window)" }
        if let observed = m.observed { text += ", observed \(observed)" }
        if let late = m.daysLate { text += " (\(late == 0 ? "on time" : late > 0 ? "\(late) days late" : "\(-late) days early"))" }
        text += "\n\nhistory:\n"
        if m.history.isEmpty { text += "  no change yet\n" }
        for h in m.history {
            let t = h.transition
            text += "  \(Timestamp.format(h.at)): \(t.from.rawValue) -> \(t.to.rawValue): \(t.note)\n"
            text += evidenceLines(t.evidence, indent: "    ")
        }
        if !m.conflicts.isEmpty {
            text += "\nstated dates that conflict with the window:\n" + evidenceLines(m.conflicts)
        }
        text += "\nall evidence (\(m.evidence.count)):\n" + evidenceLines(m.evidence)
        return text
    }

    public static func text(_ v: AlertView, rules: RuleSet?) -> String {
        let a = v.alert
        var text = "alert \(v.id) (\(a.fingerprint)): \(a.summary)\n"
        text += "  \(a.severity.rawValue), \(a.status.rawValue), \(a.kind.rawValue) alert; fired \(Timestamp.format(a.firedAt))"
        if let resolved = v.resolvedAt { text += ", resolved \(Timestamp.format(resolved))" }
        if let silenced = v.silencedBy { text += "; silenced: \(silenced)" }
        text += "\n  labels: " + a.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + "\n"
        text += "\nrule \(a.rule): "
        if let rule = rules?.rules.first(where: { $0.name == a.rule }) {
            var conditions: [String] = []
            if !rule.vendors.isEmpty { conditions.append("vendor in \(rule.vendors)") }
            if !rule.products.isEmpty { conditions.append("product in \(rule.products)") }
            if !rule.families.isEmpty { conditions.append("family in \(rule.families)") }
            if !rule.events.isEmpty { conditions.append("event in \(rule.events.map(\.rawValue))") }
            conditions.append("modality in \(rule.modalities.map(\.rawValue))")
            if !rule.tiers.isEmpty { conditions.append("tier in \(rule.tiers.map(\.rawValue))") }
            if !rule.keywords.isEmpty { conditions.append("evidence mentions one of \(rule.keywords)") }
            if let pattern = rule.pattern { conditions.append("evidence matches /\(pattern)/") }
            text += "a signal matched: " + conditions.joined(separator: ", ") + "\n"
        } else if a.rule == "milestone" {
            text += "milestone \(a.milestone ?? "?") moved \(a.fromState ?? "?") -> \(a.toState ?? "?") "
                + "(one tier-1 source, or two stories from two sources, corroborate a move; the clock alone makes a milestone overdue)\n"
        } else if a.rule == "milestone-conflict" {
            text += "a stated date disagrees with milestone \(a.milestone ?? "?")'s window \(a.promisedWindow ?? "?")\n"
        } else if a.rule == "export-controls" {
            text += "built in: an export-control signal (confirmed, reported or planned) naming a watched company or from a tier-1 source\n"
        } else {
            text += "(no longer in rules.yaml)\n"
        }
        text += "\nevidence (\(a.evidence.count)):\n" + evidenceLines(a.evidence)
        if let note = a.evidenceOmittedNote { text += "  \(note)\n" }
        return text
    }
}
