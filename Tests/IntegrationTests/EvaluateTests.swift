import Core
import Foundation
import GRDB
import Rules
import TestSupport
import Testing

/// The milestone state machine and the alert rules, driven by dated items through the real
/// parse, extract and evaluate stages on a real store: each test runs on the SQLite file and on
/// PostgreSQL.
@Suite("Evaluate")
struct EvaluateTests {
    static let dt = Milestone(id: "huawei-ascend-950dt", vendor: "Huawei", product: "Huawei Ascend 950DT", window: .quarter(2026, 4))
    static let pr = Milestone(id: "huawei-ascend-950pr", vendor: "Huawei", product: "Huawei Ascend 950PR", window: .quarter(2026, 1))

    @Test("a tier-1 ship moves pending to shipped, dated by the evidence, late by N days", arguments: StoreBackend.allCases)
    func shipTier1(_ backend: StoreBackend) throws {
        let s = try Scenario(roadmap: [Self.pr], backend: backend)
        try s.publish("huawei", tier: .official, "2026-04-12T09:00:00Z", "Ascend 950PR shipments",
                      "Huawei has started shipping the Ascend 950PR to cloud customers.")
        try s.evaluate("2026-04-20T00:00:00Z")
        let m = try s.milestone("huawei-ascend-950pr")
        #expect(m.state == .shipped)
        #expect(m.observed?.description == "2026-04-12")
        #expect(m.daysLate == 12)
        #expect(try s.notices() == ["firing: Huawei Ascend 950PR shipped, 12 days late against the promised 2026-Q1"])
    }

    @Test("evidence is appended one claim a row: kept once per item and event, also after the milestone is final")
    func evidenceAppended() throws {
        let s = try Scenario(roadmap: [Self.pr])
        try s.publish("huawei", tier: .official, "2026-03-02T09:00:00Z", "Ascend 950PR shipments",
                      "Huawei has started shipping the Ascend 950PR to cloud customers.")
        try s.evaluate("2026-03-03T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950pr").state == .shipped)
        try s.publish("press", tier: .tradePress, "2026-03-05T09:00:00Z", "Ascend 950PR rumours",
                      "Huawei is rumoured to have delayed the Ascend 950PR to the fourth quarter of 2026, a leaker claims.")
        try s.evaluate("2026-03-06T00:00:00Z")
        let before = try s.milestone("huawei-ascend-950pr").evidence
        #expect(before.count == 2 && before.map(\.feedID) == ["huawei", "press"], "\(before.map { "\($0.feedID) \($0.event) \($0.modality)" })")
        // Every signal evaluated again: the milestone, final, is given no evidence, and the
        // store keeps one row per item and event.
        let path = s.dir.path + "/chipwatch.sqlite"
        let db = try DatabaseQueue(path: path)
        try db.write { try $0.execute(sql: "UPDATE signals SET evaluate_state = 'new'") }
        try s.evaluate("2026-03-07T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950pr").evidence == before)

        // A store from before schema v16 held the list as JSON in the milestone's row, in the
        // column before `conflicts`: the migration makes it rows, in the same order.
        try db.writeWithoutTransaction { db in
            try db.execute(sql: """
                PRAGMA foreign_keys = OFF;
                CREATE TABLE v15 (id TEXT PRIMARY KEY, vendor TEXT NOT NULL, product TEXT NOT NULL, event TEXT NOT NULL,
                    promised_window TEXT NOT NULL, grace_days INTEGER NOT NULL, source_url TEXT, source_date TEXT,
                    state TEXT NOT NULL, current_window TEXT NOT NULL, observed TEXT, days_late INTEGER,
                    evidence TEXT NOT NULL, conflicts TEXT NOT NULL, in_roadmap BOOLEAN NOT NULL DEFAULT 1,
                    watched_since DATETIME NOT NULL, updated_at DATETIME NOT NULL);
                INSERT INTO v15 SELECT id, vendor, product, event, promised_window, grace_days, source_url, source_date, state,
                    current_window, observed, days_late,
                    (SELECT json_group_array(json(body)) FROM (SELECT body FROM milestone_evidence e WHERE e.milestone_id = m.id ORDER BY seq)),
                    conflicts, in_roadmap, watched_since, updated_at FROM milestones m;
                DROP TABLE milestone_evidence;
                DROP TABLE milestones;
                ALTER TABLE v15 RENAME TO milestones;
                DELETE FROM grdb_migrations WHERE identifier IN ('v16-milestone-evidence', 'v17-counts-at-commit', 'v18-evidence-by-time');
                PRAGMA foreign_keys = ON;
                """)
        }
        try db.close()
        // The first process after the migration reads what it migrated (the report reads the
        // milestones with `SELECT *`).
        let report = try CLI.run(["report", "--state-dir", s.dir.path, "--out", s.dir.path + "/report.html"])
        #expect(report.status == 0, "\(report.stderr)")
        try s.reopen()
        #expect(try s.milestone("huawei-ascend-950pr").evidence == before)
        try s.publish("press", tier: .tradePress, "2026-03-09T09:00:00Z", "Ascend 950PR demand",
                      "Huawei has begun deliveries of the Ascend 950PR to more customers, according to the trade press.")
        try s.evaluate("2026-03-10T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950pr").evidence.count == 3)
    }

    @Test("two copies of one story are one source; two stories from two sources corroborate", arguments: StoreBackend.allCases)
    func corroboration(_ backend: StoreBackend) throws {
        let s = try Scenario(roadmap: [Self.dt], backend: backend)
        let text = "Huawei has started shipping the Ascend 950DT to cloud customers in China, the company said on Friday."
        try s.publish("wire-a", tier: .tradePress, "2026-11-06T08:00:00Z", "Huawei ships Ascend 950DT", text)
        try s.publish("wire-b", tier: .tradePress, "2026-11-06T09:00:00Z", "Huawei ships Ascend 950DT", text)
        try s.evaluate("2026-11-07T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950dt").state == .pending, "syndicated copies count once")
        try s.publish("wire-a", tier: .tradePress, "2026-11-08T08:00:00Z", "Ascend 950DT in customers' hands",
                      "Cloud providers said the Ascend 950DT is now in mass production and shipping to data centres.")
        try s.evaluate("2026-11-09T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950dt").state == .pending, "a second story from the same source is not independent")
        try s.publish("trade-c", tier: .tradePress, "2026-11-10T08:00:00Z", "Ascend 950DT deliveries",
                      "Huawei has begun deliveries of the Ascend 950DT, according to the trade press.")
        try s.evaluate("2026-11-11T00:00:00Z")
        let m = try s.milestone("huawei-ascend-950dt")
        #expect(m.state == .shipped)
        #expect(m.observed?.description == "2026-11-06")
        #expect(m.daysLate == 0)
    }

    @Test("rumours, denials and recaps move nothing but are kept as evidence", arguments: StoreBackend.allCases)
    func rumoursMoveNothing(_ backend: StoreBackend) throws {
        let s = try Scenario(roadmap: [Self.dt], backend: backend)
        for (feed, day) in [("a", "01"), ("b", "02"), ("c", "03")] {
            try s.publish(feed, tier: .official, "2026-10-\(day)T08:00:00Z", "Rumour \(feed)",
                          "Huawei is rumoured to have delayed the Ascend 950DT to the second quarter of 2027, a leaker claims.")
        }
        try s.publish("d", tier: .official, "2026-10-04T08:00:00Z", "Denial", "Huawei denied that it has delayed the Ascend 950DT.")
        try s.evaluate("2026-10-05T00:00:00Z")
        let m = try s.milestone("huawei-ascend-950dt")
        #expect(m.state == .pending)
        #expect(m.evidence.count == 4)
        #expect(try s.notices().isEmpty)
    }

    @Test("a slip moves the window; overdue is measured against the new one; a second slip slips again", arguments: StoreBackend.allCases)
    func slips(_ backend: StoreBackend) throws {
        let s = try Scenario(roadmap: [Self.dt], backend: backend)
        try s.publish("huawei", tier: .official, "2026-10-02T08:00:00Z", "Ascend 950DT schedule",
                      "Huawei has delayed the Ascend 950DT to the first quarter of 2027.")
        try s.evaluate("2026-10-03T00:00:00Z")
        var m = try s.milestone("huawei-ascend-950dt")
        #expect(m.state == .slipped && m.window.description == "2027-Q1")
        try s.evaluate("2027-02-15T00:00:00Z")   // past the old window plus grace: slipped suppresses overdue
        #expect(try s.milestone("huawei-ascend-950dt").state == .slipped)
        try s.publish("huawei", tier: .official, "2027-03-01T08:00:00Z", "Ascend 950DT again",
                      "Huawei has postponed the Ascend 950DT to the third quarter of 2027.")
        try s.evaluate("2027-03-02T00:00:00Z")
        m = try s.milestone("huawei-ascend-950dt")
        #expect(m.state == .slipped && m.window.description == "2027-Q3")
        try s.evaluate("2027-10-30T00:00:00Z")   // 2027-09-30 + 30 days = 2027-10-30: not yet
        #expect(try s.milestone("huawei-ascend-950dt").state == .slipped)
        try s.evaluate("2027-10-31T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950dt").state == .overdue)
        #expect(try s.notices() == [
            "firing: Huawei Ascend 950DT slipped from 2026-Q4 to 2027-Q1",
            "firing: Huawei Ascend 950DT slipped from 2027-Q1 to 2027-Q3",
            "resolved: Huawei Ascend 950DT slipped from 2026-Q4 to 2027-Q1",
            "firing: Huawei Ascend 950DT is overdue: promised 2027-Q3, nothing shipped by 2027-10-30 (2027-Q3 plus 30 days grace)",
            "resolved: Huawei Ascend 950DT slipped from 2027-Q1 to 2027-Q3",
        ])
    }

    @Test("a milestone that moves with the clock alone keeps its evidence (its row is updated beside it)", arguments: StoreBackend.allCases)
    func clockKeepsEvidence(_ backend: StoreBackend) throws {
        let s = try Scenario(roadmap: [Self.dt, Self.pr], backend: backend)
        try s.publish("a", tier: .tradePress, "2026-10-01T08:00:00Z", "Rumour",
                      "Huawei is rumoured to have delayed the Ascend 950DT to the second quarter of 2027, a leaker claims.")
        try s.evaluate("2026-10-02T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950dt").evidence.count == 1)
        // Past the window plus grace, with news of the other milestone only.
        try s.publish("b", tier: .tradePress, "2027-02-01T08:00:00Z", "950PR", "Huawei has started shipping the Ascend 950PR.")
        try s.evaluate("2027-02-02T00:00:00Z")
        let m = try s.milestone("huawei-ascend-950dt")
        #expect(m.state == .overdue)
        #expect(m.evidence.count == 1, "the evidence was not read this run and must not be lost")
        try s.publish("c", tier: .tradePress, "2027-02-03T08:00:00Z", "Denial", "Huawei denied that it has delayed the Ascend 950DT.")
        try s.evaluate("2027-02-04T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950dt").evidence.count == 2)
    }

    @Test("overdue fires on the clock alone, resolves when the milestone ships, and history answers --at", arguments: StoreBackend.allCases)
    func overdueThenShip(_ backend: StoreBackend) throws {
        let s = try Scenario(roadmap: [Self.pr], backend: backend)
        try s.evaluate("2026-04-30T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950pr").state == .pending)
        try s.evaluate("2026-05-01T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950pr").state == .overdue)
        try s.publish("huawei", tier: .official, "2026-05-10T08:00:00Z", "950PR ships", "Huawei has started shipping the Ascend 950PR.")
        try s.evaluate("2026-05-11T00:00:00Z")
        let m = try s.milestone("huawei-ascend-950pr")
        #expect(m.state == .shipped && m.daysLate == 40)
        let notices = try s.notices()
        #expect(notices.count == 3)
        #expect(notices[0].hasPrefix("firing: Huawei Ascend 950PR is overdue"))
        #expect(notices[1] == "firing: Huawei Ascend 950PR shipped, 40 days late against the promised 2026-Q1")
        #expect(notices[2].hasPrefix("resolved: Huawei Ascend 950PR is overdue"))
        #expect(try s.milestone("huawei-ascend-950pr", at: "2026-04-15T00:00:00Z").state == .pending)
        #expect(try s.milestone("huawei-ascend-950pr", at: "2026-05-05T00:00:00Z").state == .overdue)
        #expect(try s.milestone("huawei-ascend-950pr", at: "2026-05-05T00:00:00Z").evidence.isEmpty)
        #expect(try s.milestone("huawei-ascend-950pr", at: "2026-06-01T00:00:00Z").state == .shipped)
    }

    @Test("a corroborated cancellation cancels; a conflicting date is flagged, not accepted", arguments: StoreBackend.allCases)
    func cancelAndConflict(_ backend: StoreBackend) throws {
        let nine70 = Milestone(id: "huawei-ascend-970", vendor: "Huawei", product: "Huawei Ascend 970", window: .quarter(2028, 4))
        let s = try Scenario(roadmap: [Self.dt, nine70], backend: backend)
        try s.publish("press", tier: .tradePress, "2025-10-10T08:00:00Z", "950DT timing",
                      "Huawei plans to launch the Ascend 950DT in the fourth quarter of 2025, according to a report.")
        // A syndicated copy of the same story on another feed: the conflict counts once.
        try s.publish("wire", tier: .tradePress, "2025-10-10T09:00:00Z", "950DT timing",
                      "Huawei plans to launch the Ascend 950DT in the fourth quarter of 2025, according to a report.")
        try s.evaluate("2025-10-11T00:00:00Z")
        let dt = try s.milestone("huawei-ascend-950dt")
        #expect(dt.state == .pending && dt.window.description == "2026-Q4")
        #expect(dt.conflicts.map { $0.window?.description } == ["2025-Q4"])
        // A date of what already happened ("introduced in July") is never a promised date.
        try s.publish("press", tier: .tradePress, "2026-09-10T08:00:00Z", "Atlas card",
                      "The Atlas 350 card, introduced in March, uses the Ascend 950DT.")
        try s.evaluate("2026-09-11T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950dt").conflicts.count == 1)
        try s.publish("huawei", tier: .official, "2026-06-01T08:00:00Z", "Ascend 970", "Huawei has cancelled the Ascend 970.")
        try s.evaluate("2026-06-02T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-970").state == .cancelled)
        let notices = try s.notices()
        #expect(notices.filter { $0 == "firing: Huawei Ascend 950DT: a reported date of 2025-Q4 conflicts with the roadmap's 2026-Q4" }.count == 1)
        #expect(notices.contains("firing: Huawei Ascend 970 cancelled (promised 2028-Q4)"))
    }

    @Test("a silence mutes until it expires; an overdue milestone is reminded of after the repeat interval", arguments: StoreBackend.allCases)
    func silencesAndRepeats(_ backend: StoreBackend) throws {
        var rules = RuleSet()
        var silence = RuleSet.Silence(until: try instant("2026-05-10T00:00:00Z"), reason: "waiting for the partner conference")
        silence.milestone = "huawei-ascend-950pr"
        rules.silences = [silence]
        let s = try Scenario(roadmap: [Self.pr], rules: rules, backend: backend)
        try s.evaluate("2026-04-20T00:00:00Z")   // watching since before the deadline
        try s.evaluate("2026-05-02T00:00:00Z")
        #expect(try s.milestone("huawei-ascend-950pr").state == .overdue)
        #expect(try s.notices().isEmpty)
        #expect(try s.store.alertViews().first?.silencedBy == "waiting for the partner conference")
        try s.evaluate("2026-05-11T00:00:00Z")
        #expect(try s.notices().count == 1, "sent once the silence ran out")
        try s.evaluate("2026-05-14T00:00:00Z")
        #expect(try s.notices().count == 1, "not again within the repeat interval")
        try s.evaluate("2026-05-18T00:00:00Z")
        #expect(try s.notices().last?.hasPrefix("reminder: Huawei Ascend 950PR is overdue") == true)
    }

    @Test("a deadline that passed before chipwatch watched the milestone makes it overdue without an alert", arguments: StoreBackend.allCases)
    func unwatchedDeadline(_ backend: StoreBackend) throws {
        let s = try Scenario(roadmap: [Self.pr, Self.dt], backend: backend)
        try s.evaluate("2026-11-29T00:00:00Z")
        let pr = try s.milestone("huawei-ascend-950pr")
        #expect(pr.state == .overdue)
        #expect(pr.history.first?.transition.note.hasSuffix("the deadline passed before chipwatch watched it") == true)
        #expect(try s.notices().isEmpty)
        try s.evaluate("2027-01-31T00:00:00Z")   // the 950DT's deadline passes while watching: alerted
        #expect(try s.notices() == ["firing: Huawei Ascend 950DT is overdue: promised 2026-Q4, nothing shipped by 2027-01-30 (2026-Q4 plus 30 days grace)"])
        #expect(try s.store.alertViews().contains { $0.silencedBy == EvaluateStage.unwatchedReason })
    }

    @Test("export controls naming a watched company alert once per story, whatever the copies", arguments: StoreBackend.allCases)
    func exportControls(_ backend: StoreBackend) throws {
        let s = try Scenario(roadmap: [Self.pr], backend: backend)
        let text = "The Commerce Department added Huawei affiliates and 12 other Chinese firms to the Entity List on Tuesday."
        try s.publish("wire-a", tier: .tradePress, "2026-02-03T08:00:00Z", "US adds Huawei affiliates to Entity List", text)
        try s.publish("wire-b", tier: .tradePress, "2026-02-03T09:00:00Z", "US adds Huawei affiliates to Entity List", text)
        try s.publish("agg", tier: .aggregator, "2026-02-03T10:00:00Z", "Unrelated firms", "BIS added 3 Russian firms to the Entity List.")
        try s.evaluate("2026-02-04T00:00:00Z")
        let notices = try s.notices()
        #expect(notices.count == 1)
        #expect(notices.first?.hasPrefix("firing: Export controls tightened (confirmed) Entity List, Huawei") == true)
        let alert = try #require(try s.store.alertViews().first)
        #expect(alert.alert.rule == "export-controls")
        #expect(alert.alert.evidence.count == 2, "both copies are kept as evidence")
    }
}
