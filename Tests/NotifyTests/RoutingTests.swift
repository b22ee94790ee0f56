import Core
import Foundation
import Notify
import Testing

/// `Routing.plan` as a table: outbox notices in, deliveries per receiver out.
@Suite("Routing")
struct RoutingTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// A notice of `severity`, fired `offset` seconds after the start, as outbox row `id`.
    struct Notice: Sendable {
        var id: Int64
        var offset: Double = 0
        var severity: Severity = .warning
        var vendor = "Huawei"
    }

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var notices: [Notice]
        var routes: [Route]
        var groupWait: Double = 30
        /// Each delivery as "receiver: outbox ids", in order.
        var deliveries: [String]
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "one route, one receiver: one delivery for the group",
            notices: [Notice(id: 1), Notice(id: 2, offset: 5)], routes: [Route(receivers: ["hook"])],
            deliveries: ["hook: 1,2"]),
        Row(name: "notices further apart than group_wait go in separate deliveries",
            notices: [Notice(id: 1), Notice(id: 2, offset: 60)], routes: [Route(receivers: ["hook"])],
            deliveries: ["hook: 1", "hook: 2"]),
        Row(name: "a severity route takes only its severities",
            notices: [Notice(id: 1, severity: .info), Notice(id: 2, severity: .critical)],
            routes: [Route(severities: [.critical], receivers: ["log"]), Route(receivers: ["hook"])],
            deliveries: ["log: 2", "hook: 1,2"]),
        Row(name: "a label route takes only its labels",
            notices: [Notice(id: 1, vendor: "Nvidia"), Notice(id: 2)],
            routes: [Route(labels: ["vendor": "Huawei"], receivers: ["hook"])],
            deliveries: ["hook: 2"]),
        Row(name: "two routes naming one receiver still give it one delivery",
            notices: [Notice(id: 1)], routes: [Route(receivers: ["hook"]), Route(receivers: ["hook", "log"])],
            deliveries: ["log: 1", "hook: 1"]),
        Row(name: "no matching route routes the notice to nobody, but it is consumed",
            notices: [Notice(id: 1, severity: .info)], routes: [Route(severities: [.critical], receivers: ["hook"])],
            deliveries: []),
        Row(name: "notices are grouped in the order they fired, not their row order",
            notices: [Notice(id: 2, offset: 100), Notice(id: 1)], routes: [Route(receivers: ["hook"])],
            deliveries: ["hook: 1", "hook: 2"]),
    ]

    @Test("plan", arguments: rows)
    func plan(_ row: Row) throws {
        var rules = RuleSet()
        rules.groupWaitSeconds = row.groupWait
        let hook = Receiver.Webhook(url: "https://hook.example/in")
        rules.receivers = [Receiver(name: "log", kind: .log(path: "-")), Receiver(name: "hook", kind: .webhook(hook))]
        rules.routes = row.routes
        let outbox = row.notices.map { notice in
            let labels = ["vendor": notice.vendor, "severity": notice.severity.rawValue]
            let alert = Alert(fingerprint: "f\(notice.id)", kind: .event, rule: "r", subject: "s", vendor: notice.vendor,
                              severity: notice.severity, labels: labels, summary: "notice \(notice.id)", evidence: [],
                              firedAt: Self.start.addingTimeInterval(notice.offset))
            return OutboxEntry(id: notice.id, created: Self.start.addingTimeInterval(notice.offset),
                               entry: NoticeEntry(notice: .firing, alert: alert))
        }
        let plan = Routing.plan(outbox, rules: rules, now: Self.start.addingTimeInterval(200))
        #expect(Set(plan.ids) == Set(row.notices.map(\.id)), "every notice seen is consumed")
        let described = plan.deliveries.map { delivery in
            "\(delivery.receiver): " + delivery.entries.map { $0.alert.fingerprint.dropFirst() }.joined(separator: ",")
        }
        #expect(described == row.deliveries)
        // The idempotency key is the receiver and the notices: stable, and different per receiver.
        #expect(Set(plan.deliveries.map(\.key)).count == plan.deliveries.count)
        #expect(Routing.plan(outbox, rules: rules, now: Self.start).deliveries.map(\.key) == plan.deliveries.map(\.key))
    }

    @Test("a digest period ends at its boundaries", arguments: [
        ("2026-05-01T08:59:59Z", "2026-04-30T09:00:00Z"),
        ("2026-05-01T09:00:00Z", "2026-05-01T09:00:00Z"),
        ("2026-05-01T23:00:00Z", "2026-05-01T09:00:00Z"),
    ])
    func digestPeriods(_ now: String, _ end: String) throws {
        let digest = Receiver.Digest(receiver: "hook", everySeconds: 86_400, hour: 9, minute: 0)
        let last = Routing.lastPeriodEnd(digest, now: try #require(Timestamp.parse(now)))
        #expect(Timestamp.format(last) == end)
    }
}
