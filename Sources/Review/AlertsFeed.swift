import Core
import Foundation

/// The alerts as an Atom 1.0 feed (RFC 4287), so any feed reader can follow them: one entry
/// per alert with a stable id, its last change as `updated`, and links to the evidence.
public enum AlertsFeed {
    /// How many alerts the feed carries: the latest changes, as feed readers poll it.
    public static let entries = 200

    public static func render(_ alerts: [AlertView], now: Date, selfURL: String? = nil) -> String {
        let updated = alerts.map(lastChange).max() ?? now
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>chipwatch alerts</title>
              <subtitle>Roadmap milestones that shipped, slipped, went overdue or were cancelled, and export-control moves, with their evidence.</subtitle>
              <id>urn:chipwatch:alerts</id>
              <updated>\(Timestamp.format(updated))</updated>
              <author><name>chipwatch</name></author>
              <generator version="\(ChipwatchVersion.current)">chipwatch</generator>

            """
        if let selfURL { xml += "  <link rel=\"self\" href=\"\(escape(selfURL))\"/>\n" }
        for view in alerts {
            let a = view.alert
            var title = a.summary
            if a.status == .resolved { title = "Resolved: " + title }
            xml += "  <entry>\n"
            xml += "    <id>urn:chipwatch:alert:\(a.fingerprint)</id>\n"
            xml += "    <title>\(escape(title))</title>\n"
            xml += "    <updated>\(Timestamp.format(lastChange(view)))</updated>\n"
            xml += "    <published>\(Timestamp.format(view.firstFired))</published>\n"
            for (index, evidence) in a.evidence.enumerated() {
                xml += "    <link rel=\"\(index == 0 ? "alternate" : "related")\" href=\"\(escape(evidence.url))\" title=\"\(escape(evidence.title))\"/>\n"
            }
            xml += "    <category term=\"\(a.severity.rawValue)\" label=\"severity\"/>\n"
            xml += "    <category term=\"\(escape(a.rule))\" label=\"rule\"/>\n"
            var text = "\(a.severity.rawValue), \(a.status.rawValue). \(a.summary)"
            if let promised = a.promisedWindow { text += "\nPromised: \(promised)" }
            if let observed = a.observedWindow { text += "\nObserved: \(observed)" }
            for e in a.evidence {
                text += "\n- \(e.title) (\(e.feedID), \(e.published.map { String(Timestamp.format($0).prefix(10)) } ?? "undated")): \"\(e.quote)\" \(e.url)"
            }
            if let note = a.evidenceOmittedNote { text += "\n- \(note)" }
            xml += "    <content type=\"text\">\(escape(text))</content>\n"
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    static func lastChange(_ view: AlertView) -> Date { view.resolvedAt ?? view.alert.firedAt }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // Characters XML 1.0 does not allow are dropped.
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
