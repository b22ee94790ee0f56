import Config
import Core
import Extract
import Foundation
import Logging
import Parse
import Store
import TestSupport
import Testing

/// The extract stage on a real SQLite store, fed by the real parse stage.
@Suite("Extract stage")
struct ExtractStageTests {
    let dir: TempDir
    let store: Store
    let now = Date(timeIntervalSince1970: 1_774_440_000)  // 2026-03-25T12:00:00Z
    static let dictionary = Result { try DictionaryFile.load(path: CLI.repositoryRoot + "/feeds/dictionary.yaml") }

    init() throws {
        dir = try TempDir()
        store = try Store(directory: dir.path)
    }

    func feed(_ feedID: String, _ items: [(guid: String, title: String, text: String)], at offset: Double = 0) throws {
        let entries = items.map { item in
            "<item><guid>\(item.guid)</guid><title>\(item.title)</title><pubDate>Fri, 20 Mar 2026 08:00:00 GMT</pubDate>"
                + "<description>\(item.text)</description></item>"
        }.joined()
        let body = "<rss version=\"2.0\"><channel><title>\(feedID)</title>\(entries)</channel></rss>"
        try store.recordFetched(feedID, body, at: now.addingTimeInterval(offset))
        _ = try ParseStage(logger: Logger(label: "test")).run(store: store, now: now)
    }

    func extract(all: Bool = false) throws -> ExtractRunSummary {
        try ExtractStage(dictionary: try Self.dictionary.get(), logger: Logger(label: "test"), batchSize: 2).run(store: store, all: all, now: now)
    }

    static let shipText = "Huawei has started shipping Atlas 350 cards built on the Ascend 950PR to cloud customers in China, "
        + "the company said on Friday, adding that volumes would rise through the year."

    @Test("syndicated copies become one story; signals carry their story")
    func stories() throws {
        try feed("vendor", [("v1", "Huawei ships Atlas 350 cards", Self.shipText)])
        try feed("wire", [("w1", "Huawei starts Atlas 350 shipments", Self.shipText.replacingOccurrences(of: "on Friday", with: "Friday")),
                          ("w2", "BIS adds firms to the Entity List", "BIS added 12 Chinese firms to the Entity List on Tuesday.")])
        let run = try extract()
        #expect(run.items == 3)
        #expect(run.newStories == 2 && run.joinedStories == 1)
        let stories = try store.itemStories()
        #expect(Set(stories.values).count == 2)
        let signals = try store.signalSummaries()
        #expect(signals.contains { $0.event == "ship" && $0.product == "Huawei Atlas 350" && $0.window == "2026-Q1" })
        #expect(signals.contains { $0.event == "restrict" })
        // Both copies' ship signals point at the same story.
        let shipStories = Set(signals.filter { $0.event == "ship" }.map(\.story))
        #expect(shipStories.count == 1)
        #expect(try extract().items == 0)   // nothing new: nothing done
    }

    @Test("--all rebuilds every signal without duplicates, keeping stories")
    func rebuild() throws {
        try feed("vendor", [("v1", "Huawei ships Atlas 350 cards", Self.shipText), ("v2", "Huawei delays Ascend 950DT", "The Ascend 950DT has been delayed to 2027, people familiar said.")])
        _ = try extract()
        let before = try store.signalSummaries()
        let storiesBefore = try store.itemStories()
        let again = try extract(all: true)
        #expect(again.items == 2 && again.newStories == 0)
        let after = try store.signalSummaries()
        #expect(after.count == before.count)
        #expect(after.map(\.event) == before.map(\.event))
        #expect(try store.itemStories() == storiesBefore)
    }

    @Test("an edited item is extracted again, alone, and keeps its story")
    func edits() throws {
        try feed("vendor", [("v1", "Huawei to ship Ascend 950DT", "Huawei will ship the Ascend 950DT in the fourth quarter of 2026."),
                            ("v2", "Unrelated", "Nothing to see.")])
        _ = try extract()
        let story = try store.itemStories()
        #expect(try store.signalSummaries().map(\.event) == ["announce"])
        try feed("vendor", [("v1", "Huawei delays Ascend 950DT", "Huawei has delayed the Ascend 950DT to the first quarter of 2027."),
                            ("v2", "Unrelated", "Nothing to see.")], at: 60)
        let run = try extract()
        #expect(run.items == 1)
        let signals = try store.signalSummaries()
        #expect(signals.map(\.event) == ["slip"])
        #expect(signals.first?.window == "2027-Q1")
        #expect(try store.itemStories() == story)
    }
}
