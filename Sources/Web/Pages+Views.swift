import Core
import Foundation
import Hummingbird
import Review

/// What each page shows; each returns (title, navigation entry, body HTML).
extension Pages {
    /// `/`: the milestone board and the roadmap timeline (windows and states; the report at
    /// `/report` adds the reported events as marks, which means reading the whole log).
    func board(_ store: any ReviewStore) throws -> (String, String, String) {
        let milestones = try store.milestoneViews(at: nil, evidence: .summary).inRoadmapOrder(site.roadmapOrder)
        var body = "<p class=\"muted\">\(milestones.count) milestones. Promised windows as bars coloured by state, slipped windows "
            + "outlined, the evidence that moved each milestone as marks at its publication date (all of it: the report).</p>\n"
        body += "<div class=\"figure\">"
        TimelineSVG.render(ReportData(at: Date(), milestones: milestones, alerts: [], alertCount: 0, exportControls: [],
                                      marks: Self.marks(milestones))) {
            body += $0
        }
        body += "</div>\n<table class=\"board\"><thead><tr><th>milestone</th><th>vendor</th><th>promised</th><th>state</th><th>window now</th>"
            + "<th>observed</th><th>early/late</th><th>evidence</th><th>last evidence</th></tr></thead><tbody>\n"
        for m in milestones {
            let last = m.evidence.filter { $0.modality.isEvent }.max { ($0.published ?? .distantPast) < ($1.published ?? .distantPast) }
            body += "<tr data-milestone=\"\(HTML.esc(m.id))\"><td><a href=\"\(HTML.path("/milestones/\(m.id)"))\">\(HTML.esc(m.product))</a>"
                + "<br><small>\(HTML.esc(m.id))</small></td><td>\(HTML.esc(m.vendor))</td><td>\(m.promised)</td>"
                + "<td><span class=\"state \(m.state.rawValue)\">\(m.state.rawValue)</span>\(m.conflicts.isEmpty ? "" : " <small>conflicting dates</small>")</td>"
                + "<td>\(m.window)</td><td>\(m.observed?.description ?? "")</td><td>\(ReportData.late(m.daysLate))</td><td>\(m.evidenceCount)</td>"
                + "<td>\(last.map { "\(HTML.sourceLink($0.url, $0.title)) <small>(\(HTML.esc($0.feedID)), \(HTML.day($0.published)))</small>" } ?? "")</td></tr>\n"
        }
        return ("Milestones", "/", body + "</tbody></table>\n")
    }

    /// The board's marks: the evidence of each milestone's transitions (what moved it), once per
    /// story and event. Bounded by the history, where all the evidence (what the report draws)
    /// grows with the news: 14k marks and a 2.9 MB board at 143k signals.
    static func marks(_ milestones: [MilestoneView]) -> [String: [ReportData.Mark]] {
        var marks: [String: [ReportData.Mark]] = [:]
        for m in milestones {
            var seen = Set<String>()
            let moved = m.history.flatMap(\.transition.evidence)
            for e in moved.sorted(by: { ($0.published ?? .distantPast) < ($1.published ?? .distantPast) })
            where e.modality.isEvent && [.ship, .slip, .announce, .cancel].contains(e.event) {
                guard let published = e.published, seen.insert("\(e.storyID) \(e.event.rawValue)").inserted else { continue }
                marks[m.product, default: []].append(ReportData.Mark(storyID: e.storyID, event: e.event, modality: e.modality,
                                                                     published: published, title: e.title))
            }
        }
        return marks
    }

    /// `/signals`: the log, newest first, filtered as the CLI filters, a page at a time.
    func signals(_ request: Request, _ context: WebContext) async throws -> Response {
        let fields = FormFields.parse(request.uri.query)
        return try await html(context) { store in
            let query = try SignalQuery.parse(fields)
            let page = try store.signalPage(query.filter, after: query.after, limit: query.limit)
            let stories = fields["stories"] == "1"
            var body = filterForm(query.fields)
            if page.records.isEmpty { body += "<p class=\"muted\">No signal matches.</p>\n" }
            body += "<table class=\"signals\"><thead><tr><th>date</th><th>vendor</th><th>product</th><th>event</th><th>modality</th>"
                + "<th>window</th><th>conf.</th><th>\(stories ? "sources" : "source")</th><th>title and evidence</th></tr></thead><tbody>\n"
            for (record, sources) in stories ? Self.byStory(page.records) : page.records.map({ ($0, [$0.feedID]) }) {
                let s = record.signal
                body += "<tr class=\"signal\" data-event=\"\(s.event.rawValue)\"><td>\(HTML.day(record.published))</td>"
                    + "<td>\(HTML.esc(s.vendors.joined(separator: ", ")))</td><td>\(HTML.esc(s.product ?? s.lists.first ?? "-"))</td>"
                    + "<td>\(s.event.rawValue)</td><td>\(s.modality.rawValue)</td><td>\(HTML.esc(s.window?.description ?? "-"))</td>"
                    + "<td>\(String(format: "%.2f", s.confidence))</td><td>\(HTML.esc(sources.joined(separator: ", ")))</td>"
                    + "<td>\(HTML.sourceLink(record.url, record.title))<blockquote><mark>\(HTML.esc(s.evidence.text))</mark></blockquote></td></tr>\n"
            }
            body += "</tbody></table>\n"
            if let next = page.next {
                let link = HTML.path("/signals", query.fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + [("after", next)])
                body += "<p class=\"pager\"><a rel=\"next\" href=\"\(HTML.esc(link))\">Older signals →</a></p>\n"
            }
            return ("Signals", "/signals", body)
        }
    }

    /// One row per story (and event and product) among a page's signals, with its sources.
    static func byStory(_ records: [SignalRecord]) -> [(SignalRecord, [String])] {
        var order: [String] = []
        var groups: [String: (SignalRecord, [String])] = [:]
        for r in records {
            let key = "\(r.storyID) \(r.signal.event.rawValue) \(r.signal.product ?? "-")"
            if let group = groups[key] {
                if !group.1.contains(r.feedID) { groups[key]!.1.append(r.feedID) }
            } else {
                order.append(key)
                groups[key] = (r, [r.feedID])
            }
        }
        return order.map { groups[$0]! }
    }

    func filterForm(_ fields: [String: String]) -> String {
        func input(_ name: String, _ label: String, _ placeholder: String = "") -> String {
            "<label>\(label) <input name=\"\(name)\" value=\"\(HTML.esc(fields[name] ?? ""))\" placeholder=\"\(placeholder)\"></label>"
        }
        func select(_ name: String, _ label: String, _ options: [String]) -> String {
            let chosen = fields[name] ?? ""
            return "<label>\(label) <select name=\"\(name)\"><option value=\"\">any</option>"
                + options.map { "<option\($0 == chosen ? " selected" : "")>\($0)</option>" }.joined() + "</select></label>"
        }
        return "<form class=\"filters\" method=\"get\" action=\"/signals\">"
            + input("since", "since", "2026-01-01") + input("until", "until", "2026-12-31") + input("vendor", "vendor")
            + input("product", "product") + select("event", "event", EventKind.allCases.map(\.rawValue))
            + select("modality", "modality", Modality.allCases.map(\.rawValue)) + input("min_confidence", "min. confidence", "0.8")
            + input("q", "text") + "<label>stories <input type=\"checkbox\" name=\"stories\" value=\"1\"\(fields["stories"] == "1" ? " checked" : "")></label>"
            + "<button type=\"submit\">Filter</button></form>\n"
    }

    /// `/milestones/{id}`: what `explain` says of it: the promise, its history, conflicts, evidence.
    func milestone(_ store: any ReviewStore, id: String) throws -> (String, String, String) {
        guard let m = try store.milestoneView(id) else {
            throw Missing(what: "No milestone \(id).")
        }
        let promise = site.roadmap.first { $0.id == id }
        var body = "<p><span class=\"state \(m.state.rawValue)\">\(m.state.rawValue)</span> \(HTML.esc(m.product)) (\(HTML.esc(m.vendor))): "
            + "promised \(m.promised) (\(m.promised.start) to \(m.promised.end))"
        if let promise, let url = promise.sourceURL {
            body += ", stated \(HTML.esc(promise.sourceDate?.description ?? "")) at \(HTML.sourceLink(url, url))"
        }
        body += ".</p>\n<p>"
        if m.window != m.promised { body += "Window now \(m.window). " }
        if let observed = m.observed { body += "Observed \(observed). " }
        if let late = m.daysLate { body += late == 0 ? "On time." : late > 0 ? "\(late) days late." : "\(-late) days early." }
        body += "</p>\n<h2>History</h2>\n"
        if m.history.isEmpty { body += "<p class=\"muted\">No change yet.</p>\n" }
        for h in m.history {
            let t = h.transition
            body += "<h3>\(Timestamp.format(h.at)): \(t.from.rawValue) → \(t.to.rawValue)</h3>\n<p>\(HTML.esc(t.note))</p>\n"
                + Self.evidenceList(t.evidence)
        }
        if !m.conflicts.isEmpty { body += "<h2>Stated dates that conflict with the window</h2>\n" + Self.evidenceList(m.conflicts) }
        body += "<h2>All evidence (\(m.evidence.count))</h2>\n" + Self.evidenceList(m.evidence)
        return ("\(m.product): \(m.id)", "/", body)
    }

    /// Evidence as a list: the source (linked), the claim, and the sentence it was read from.
    static func evidenceList(_ evidence: [EvidenceSnapshot]) -> String {
        guard !evidence.isEmpty else { return "<p class=\"muted\">None.</p>\n" }
        return "<ul class=\"evidence\">\n" + evidence.map { e in
            "<li>\(HTML.sourceLink(e.url, e.title)) <small>(\(HTML.esc(e.feedID)), tier \(e.tier.rawValue), \(HTML.day(e.published)))</small><br>"
                + "\(e.event.rawValue) (\(e.modality.rawValue))\(e.window.map { ", window \($0)" } ?? ""); signal \(e.signalID), "
                + "story \(e.storyID)<blockquote><mark>\(HTML.esc(e.quote))</mark></blockquote></li>\n"
        }.joined() + "</ul>\n"
    }

    /// `/alerts`: newest first, 50 a page.
    func alerts(_ store: any ReviewStore, after: String?) throws -> (String, String, String) {
        let (views, next) = try Self.alertPage(store, after: after, limit: 50)
        var body = "<p class=\"muted\">Also as a feed: <a href=\"/alerts.atom\">alerts.atom</a>.</p>\n"
        body += "<table class=\"alerts\"><thead><tr><th>id</th><th>fired</th><th>severity</th><th>status</th><th>summary</th></tr></thead><tbody>\n"
        for v in views {
            let a = v.alert
            body += "<tr><td><a href=\"/alerts/\(v.id)\">\(v.id)</a></td><td>\(HTML.day(a.firedAt))</td>"
                + "<td><span class=\"sev \(a.severity.rawValue)\">\(a.severity.rawValue)</span></td>"
                + "<td>\(a.status.rawValue)\(v.silencedBy == nil ? "" : " (silenced)")</td><td>\(HTML.esc(a.summary))</td></tr>\n"
        }
        body += "</tbody></table>\n"
        if let next { body += "<p class=\"pager\"><a rel=\"next\" href=\"\(HTML.esc(HTML.path("/alerts", [("after", next)])))\">Older alerts →</a></p>\n" }
        return ("Alerts", "/alerts", body)
    }

    /// A page of alerts, newest first, after the alert whose id is `after` (alerts are few: the
    /// newest-first cursor of the store is read up to the page's end).
    static func alertPage(_ store: any ReviewStore, after: String?, limit: Int) throws -> ([AlertView], String?) {
        struct Enough: Error {}
        let start = after.flatMap { Int64($0) }
        var passed = start == nil
        var views: [AlertView] = []
        var more = false
        do {
            try store.eachAlert(since: nil) { view in
                if !passed { passed = view.id == start; return }
                if views.count == limit { more = true; throw Enough() }
                views.append(view)
            }
        } catch is Enough {}
        return (views, more ? views.last.map { String($0.id) } : nil)
    }

    /// `/alerts/{id}`: the explain chain: rule, labels, evidence with its sentences, sources.
    func alert(_ store: any ReviewStore, id: String) throws -> (String, String, String) {
        guard let v = try store.alertView(id) else { throw Missing(what: "No alert \(id).") }
        let a = v.alert
        var body = "<p><span class=\"sev \(a.severity.rawValue)\">\(a.severity.rawValue)</span> \(a.status.rawValue), \(a.kind.rawValue) alert, "
            + "fired \(Timestamp.format(a.firedAt))\(v.resolvedAt.map { ", resolved \(Timestamp.format($0))" } ?? "")"
            + "\(v.silencedBy.map { "; silenced: \(HTML.esc($0))" } ?? "").</p>\n"
        if let milestone = a.milestone {
            body += "<p>Milestone: <a href=\"\(HTML.path("/milestones/\(milestone)"))\">\(HTML.esc(milestone))</a>"
                + "\(a.fromState.map { ", \(HTML.esc($0)) → \(HTML.esc(a.toState ?? "?"))" } ?? "").</p>\n"
        }
        body += "<p>Labels: " + a.labels.sorted { $0.key < $1.key }.map { "<code>\(HTML.esc($0.key))=\(HTML.esc($0.value))</code>" }
            .joined(separator: " ") + "</p>\n"
        body += "<h2>Rule \(HTML.esc(a.rule))</h2>\n<pre>\(HTML.esc(Self.ruleText(Explanation.text(v, rules: site.rules))))</pre>\n"
        body += "<h2>Evidence (\(a.evidence.count))</h2>\n" + Self.evidenceList(a.evidence)
        return ("Alert \(v.id): \(a.summary)", "/alerts", body)
    }

    /// The rule part of `explain`'s text (from "rule" to the evidence).
    static func ruleText(_ text: String) -> String {
        guard let start = text.range(of: "\nrule ") else { return "" }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\nevidence")?.lowerBound ?? rest.endIndex
        return "rule " + rest[..<end].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `/feeds`: each configured feed's health, as `chipwatch feeds` shows it.
    func feeds(_ store: any ReviewStore) throws -> (String, String, String) {
        let listing = FeedHealthListing.make(feeds: site.feeds, health: try store.feedHealth())
        var body = "<table class=\"feeds\"><thead><tr>" + listing.columns.map { "<th>\(HTML.esc($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in listing.rows {
            body += "<tr>" + row.map { "<td>\(HTML.esc($0))</td>" }.joined() + "</tr>\n"
        }
        return ("Feeds", "/feeds", body + "</tbody></table>\n")
    }

    /// `/report?at=…`: the report `chipwatch report` writes, as known at `at`. It is a whole
    /// document with its own inline stylesheet, so its policy allows inline style (never script).
    func report(_ request: Request, _ context: WebContext) async throws -> Response {
        let fields = FormFields.parse(request.uri.query)
        var at: Date?
        if let text = fields["at"], !text.isEmpty {
            guard let date = Timestamp.parse(text) else {
                return Self.htmlResponse(.badRequest, HTML.page("Bad request", user: context.user, current: "",
                                                               "<p class=\"error\">at: \"\(HTML.esc(text))\" is not a time such as 2026-06-30</p>"))
            }
            at = date
        }
        let order = site.roadmapOrder
        let asked = at
        // Reads the log's claims up to `at` (for the marks and export controls): kept per `at`.
        let html = try await site.packed("/report?at=\(at.map(Timestamp.format) ?? "")") { store in
            let at = asked
            let when = at ?? Date()
            let milestones = try store.milestoneViews(at: at, evidence: .summary).inRoadmapOrder(order)
            let data = try ReportData.read(from: store, at: when, milestones: milestones)
            var html = ""
            Report.html(data) { html += $0 }
            return html
        }
        var response = html.response(request, contentType: "text/html; charset=utf-8")
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        return response
    }
}
