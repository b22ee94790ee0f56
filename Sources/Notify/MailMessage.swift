import Core
import Foundation

/// A notification as an RFC 5322 / MIME message: multipart/alternative with a plain-text
/// and an HTML part (both UTF-8, base64), a Message-ID, a Date, and a subject that says what
/// happened, as an encoded word when it is not ASCII.
public enum MailMessage {
    public static func render(key: String, from: String, to: [String], entries: [NoticeEntry], now: Date) -> [UInt8] {
        let boundary = "chipwatch-" + String(key.prefix(24))
        let headers = [
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(encodedWord(subject(entries)))",
            "Date: \(rfc5322Date(now))",
            "Message-ID: <\(key)@chipwatch>",
            "MIME-Version: 1.0",
            "X-Chipwatch-Delivery: \(key)",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        var lines = headers + ["", "This is a multi-part message in MIME format.", ""]
        for (type, text) in [("text/plain", plain(entries)), ("text/html", html(entries))] {
            lines += ["--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            lines += base64Lines(text)
            lines.append("")
        }
        lines.append("--\(boundary)--")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// "Huawei Ascend 950PR shipped, 12 days late", or a count and the first when grouped.
    public static func subject(_ entries: [NoticeEntry]) -> String {
        guard let first = entries.first else { return "chipwatch" }
        let head = (first.notice == .resolved ? "Resolved: " : "") + first.alert.summary
        return entries.count == 1 ? head : "\(entries.count) chipwatch alerts: \(head)"
    }

    static func plain(_ entries: [NoticeEntry]) -> String {
        entries.map { entry in
            let a = entry.alert
            var text = "[\(entry.notice == .resolved ? "resolved" : a.severity.rawValue)] \(a.summary)\n"
            if let promised = a.promisedWindow { text += "Promised: \(promised)\n" }
            if let observed = a.observedWindow { text += "Observed: \(observed)\n" }
            for e in a.evidence {
                text += "- \(e.title) (\(e.feedID), \(e.published.map { String(Timestamp.format($0).prefix(10)) } ?? "undated"))\n"
                text += "  \(e.url)\n  \"\(e.quote)\"\n"
            }
            if let note = a.evidenceOmittedNote { text += "- \(note)\n" }
            return text
        }.joined(separator: "\n")
    }

    static func html(_ entries: [NoticeEntry]) -> String {
        let body = entries.map { entry -> String in
            let a = entry.alert
            var text = "<h2>\(escape(a.summary))</h2>\n<p>\(escape(entry.notice == .resolved ? "resolved" : a.severity.rawValue))"
            if let promised = a.promisedWindow { text += " &middot; promised \(escape(promised))" }
            if let observed = a.observedWindow { text += " &middot; observed \(escape(observed))" }
            text += "</p>\n<ul>\n"
            for e in a.evidence {
                text += "<li><a href=\"\(escape(e.url))\">\(escape(e.title))</a> (\(escape(e.feedID)))"
                    + "<blockquote>\(escape(e.quote))</blockquote></li>\n"
            }
            if let note = a.evidenceOmittedNote {
                text += "<li>\(escape(note))</li>\n"
            }
            return text + "</ul>"
        }.joined(separator: "\n")
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>chipwatch</title></head><body>\n\(body)\n</body></html>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// RFC 2047: non-ASCII subjects as base64 encoded words, each under 76 characters.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && text.count <= 900 { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let a = encoded.index(encoded.startIndex, offsetBy: start)
            let b = encoded.index(a, offsetBy: min(76, encoded.count - start))
            return String(encoded[a..<b])
        }
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
