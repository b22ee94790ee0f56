import Config
import Core
import Extract
import Foundation
import Logging
import Parse
import TestSupport
import Testing

/// The extract stage on a real store, fed by the real parse stage: each test runs on the
/// SQLite file and on PostgreSQL.
@Suite("Extract stage")
struct ExtractStageTests {
    let dir: TempDir
    static let now = Date(timeIntervalSince1970: 1_774_440_000)  // 2026-03-25T12:00:00Z
    static let dictionary = Result { try DictionaryFile.load(path: CLI.repositoryRoot + "/feeds/dictionary.yaml") }

    init() throws {
        dir = try TempDir()
    }

    /// A fixture for one test: the store, kept open while the test holds it.
    struct Fixture {
        let opened: OpenedStore
        let store: any ScenarioStore

        func feed(_ feedID: String, _ items: [(guid: String, title: String, text: String)], at offset: Double = 0,
                  published: String = "Fri, 20 Mar 2026 08:00:00 GMT") throws {
            let entries = items.map { item in
                "<item><guid>\(item.guid)</guid><title>\(item.title)</title><pubDate>\(published)</pubDate>"
                    + "<description>\(item.text)</description></item>"
            }.joined()
            let body = "<rss version=\"2.0\"><channel><title>\(feedID)</title>\(entries)</channel></rss>"
            try store.recordFetched(feedID, body, at: ExtractStageTests.now.addingTimeInterval(offset))
            _ = try ParseStage(logger: Logger(label: "test")).run(store: store, now: ExtractStageTests.now)
        }

        func extract(all: Bool = false, on store: (any ScenarioStore)? = nil) throws -> ExtractRunSummary {
            try ExtractStage(dictionary: try ExtractStageTests.dictionary.get(), logger: Logger(label: "test"), batchSize: 2)
                .run(store: store ?? self.store, all: all, now: ExtractStageTests.now)
        }
    }

    func fixture(_ backend: StoreBackend) throws -> Fixture {
        let opened = try backend.open(in: dir)
        return Fixture(opened: opened, store: try opened.reopen())
    }

    static let shipText = "Huawei has started shipping Atlas 350 cards built on the Ascend 950PR to cloud customers in China, "
        + "the company said on Friday, adding that volumes would rise through the year."

    @Test("syndicated copies become one story; signals carry their story", arguments: StoreBackend.allCases)
    func stories(_ backend: StoreBackend) throws {
        let f = try fixture(backend)
        try f.feed("vendor", [("v1", "Huawei ships Atlas 350 cards", Self.shipText)])
        try f.feed("wire", [("w1", "Huawei starts Atlas 350 shipments", Self.shipText.replacingOccurrences(of: "on Friday", with: "Friday")),
                          ("w2", "BIS adds firms to the Entity List", "BIS added 12 Chinese firms to the Entity List on Tuesday.")])
        let run = try f.extract()
        #expect(run.items == 3)
        #expect(run.newStories == 2 && run.joinedStories == 1)
        let stories = try f.store.itemStories()
        #expect(Set(stories.values).count == 2)
        let signals = try f.store.signalSummaries()
        #expect(signals.contains { $0.event == "ship" && $0.product == "Huawei Atlas 350" && $0.window == "2026-Q1" })
        #expect(signals.contains { $0.event == "restrict" })
        // Both copies' ship signals point at the same story.
        let shipStories = Set(signals.filter { $0.event == "ship" }.map(\.story))
        #expect(shipStories.count == 1)
        #expect(try f.extract().items == 0)   // nothing new: nothing done
    }

    /// The story index holds only the days a run's items look at: a late copy of a January
    /// story, read by a store that so far held June, and a story another process added since,
    /// are still found.
    @Test("stories are found across the days a store has not read yet and from other processes", arguments: StoreBackend.allCases)
    func storiesAcrossDays(_ backend: StoreBackend) throws {
        let f = try fixture(backend)
        let other = try f.opened.reopen()   // a second process on the same store
        let restrict = "BIS added 12 Chinese firms to the Entity List on Tuesday, cutting them off from US chips and tools."
        try f.feed("a", [("a1", "Huawei ships Atlas 350 cards", Self.shipText)], published: "Sat, 10 Jan 2026 08:00:00 GMT")
        try f.feed("b", [("b1", "BIS adds firms to the Entity List", restrict)], published: "Mon, 15 Jun 2026 08:00:00 GMT")
        #expect(try f.extract().newStories == 2)
        // June is held now; the other process adds a June story of its own.
        let hbm = "Samsung Electronics said on Tuesday it has begun mass production of HBM4 memory for the next AI accelerators "
            + "of its largest customers, and that shipments will grow through the second half of the year as a new line comes up."
        try f.feed("c", [("c1", "Samsung begins HBM4 mass production", hbm)],
                   published: "Tue, 16 Jun 2026 08:00:00 GMT")
        #expect(try f.extract(on: other).newStories == 1)
        // A late copy of the January story, and a copy of the other process's story, here.
        try f.feed("d", [("d1", "Atlas 350 shipments begin", Self.shipText.replacingOccurrences(of: "on Friday", with: "Friday"))],
                   published: "Mon, 12 Jan 2026 08:00:00 GMT")
        try f.feed("e", [("e1", "Samsung HBM4 enters volume production", hbm.replacingOccurrences(of: "on Tuesday", with: "Tuesday"))],
                   published: "Wed, 17 Jun 2026 08:00:00 GMT")
        let run = try f.extract()
        #expect(run.items == 2)
        #expect(run.joinedStories == 2 && run.newStories == 0)
        let stories = try f.store.itemStories()
        #expect(Set(stories.values).count == 3)
    }

    @Test("--all rebuilds every signal without duplicates, keeping stories", arguments: StoreBackend.allCases)
    func rebuild(_ backend: StoreBackend) throws {
        let f = try fixture(backend)
        try f.feed("vendor", [("v1", "Huawei ships Atlas 350 cards", Self.shipText), ("v2", "Huawei delays Ascend 950DT", "The Ascend 950DT has been delayed to 2027, people familiar said.")])
        _ = try f.extract()
        let before = try f.store.signalSummaries()
        let storiesBefore = try f.store.itemStories()
        let again = try f.extract(all: true)
        #expect(again.items == 2 && again.newStories == 0)
        let after = try f.store.signalSummaries()
        #expect(after.count == before.count)
        #expect(after.map(\.event) == before.map(\.event))
        #expect(try f.store.itemStories() == storiesBefore)
    }

    @Test("an edited item is extracted again, alone, and keeps its story", arguments: StoreBackend.allCases)
    func edits(_ backend: StoreBackend) throws {
        let f = try fixture(backend)
        try f.feed("vendor", [("v1", "Huawei to ship Ascend 950DT", "Huawei will ship the Ascend 950DT in the fourth quarter of 2026."),
                            ("v2", "Unrelated", "Nothing to see.")])
        _ = try f.extract()
        let story = try f.store.itemStories()
        #expect(try f.store.signalSummaries().map(\.event) == ["announce"])
        try f.feed("vendor", [("v1", "Huawei delays Ascend 950DT", "Huawei has delayed the Ascend 950DT to the first quarter of 2027."),
                            ("v2", "Unrelated", "Nothing to see.")], at: 60)
        let run = try f.extract()
        #expect(run.items == 1)
        let signals = try f.store.signalSummaries()
        #expect(signals.map(\.event) == ["slip"])
        #expect(signals.first?.window == "2027-Q1")
        #expect(try f.store.itemStories() == story)
    }
}
