import Core
import Foundation

/// The pieces every page is built from. Everything that came from a feed (titles, evidence,
/// names, URLs) goes through `esc`; links to sources only when they are http(s).
enum HTML {
    static func esc(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A link to a source: only http and https become links (a feed can carry `javascript:`).
    static func sourceLink(_ url: String, _ text: String) -> String {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return esc(text) }
        return "<a href=\"\(esc(url))\" rel=\"noreferrer noopener\">\(esc(text))</a>"
    }

    /// A path inside the site with its query, percent-encoded.
    static func path(_ path: String, _ query: [(String, String)] = []) -> String {
        var components = URLComponents()
        components.path = path
        let kept = query.filter { !$0.1.isEmpty }
        if !kept.isEmpty { components.queryItems = kept.map { URLQueryItem(name: $0.0, value: $0.1) } }
        // `+` in a value would read back as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.string ?? path
    }

    static func day(_ date: Date?) -> String { date.map { String(Timestamp.format($0).prefix(10)) } ?? "undated" }

    /// A whole page: the navigation, the title and the body. No scripts, one stylesheet.
    static func page(_ title: String, user: String?, current: String, _ body: String) -> String {
        let links = [("/", "Board"), ("/signals", "Signals"), ("/alerts", "Alerts"), ("/feeds", "Feeds"), ("/report", "Report")]
        let nav = links.map { link in
            "<a href=\"\(link.0)\"\(link.0 == current ? " aria-current=\"page\"" : "")>\(link.1)</a>"
        }.joined(separator: " ")
        let account = user.map { name in
            "<form class=\"logout\" method=\"post\" action=\"/logout\"><span>\(esc(name))</span> <button type=\"submit\">Log out</button></form>"
        } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title)) · chipwatch</title>
            <link rel="stylesheet" href="/static/style.css">
            <link rel="alternate" type="application/atom+xml" title="chipwatch alerts" href="/alerts.atom">
            </head><body>
            <header><nav><strong>chipwatch</strong> \(nav)</nav>\(account)</header>
            <main>
            <h1>\(esc(title))</h1>
            \(body)
            </main>
            </body></html>

            """
    }

    /// The one stylesheet (`/static/style.css`).
    static let stylesheet = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#222;line-height:1.45}
        header{display:flex;justify-content:space-between;align-items:center;background:#1f2933;color:#fff;padding:.5rem 1rem}
        header a{color:#cfe3ff;margin-left:.8rem;text-decoration:none}header a[aria-current]{color:#fff;text-decoration:underline}
        .logout{margin:0}.logout span{margin-right:.4rem}
        main{max-width:1100px;margin:1rem auto;padding:0 1rem}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #eee;padding:.35rem .4rem;text-align:left;vertical-align:top}
        th{background:#f6f7f9}.state{padding:.05rem .4rem;border-radius:3px;color:#fff}
        .pending{background:#8a94a6}.shipped{background:#2e9e5b}.slipped{background:#e0a100}.overdue{background:#d64545}.cancelled{background:#5b5b5b}
        .sev{font-weight:600}.sev.critical{color:#d64545}.sev.warning{color:#b07d00}.sev.info{color:#1f5fbf}
        .figure{overflow-x:auto}mark{background:#fff3b0}blockquote{margin:.3rem 0 .6rem 1rem;color:#444}
        form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:1rem}
        form.filters label{display:flex;flex-direction:column;font-size:.8rem}
        .pager{margin:1rem 0}.muted{color:#666}.error{color:#b00020}
        form.login{max-width:20rem;display:flex;flex-direction:column;gap:.5rem}
        """
}
