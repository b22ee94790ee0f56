import Core
import Extract
import Foundation
import Logging
import TestSupport
import Testing

/// The extract stage over an in-memory store: which text an item is read by, how copies
/// group into stories, and what `--all` does.
@Suite("Extract stage")
struct ExtractStageTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func input(_ id: Int64, title: String = "Huawei begins shipping Ascend 950PR", summary: String = "",
                      content: String = "", fullText: String? = nil) -> ExtractInput {
        ExtractInput(itemID: id, feedID: "press", title: title, summary: summary, content: content, fullText: fullText,
                     published: now)
    }

    struct TextRow: CustomTestStringConvertible, Sendable {
        var name: String
        var input: ExtractInput
        var text: String
        var testDescription: String { name }
    }

    static let textRows: [TextRow] = [
        TextRow(name: "the article page's text wins", input: input(1, summary: "teaser", content: "longer content", fullText: "page"),
                text: "page"),
        TextRow(name: "an empty page text counts as none", input: input(1, summary: "teaser", content: "longer content", fullText: ""),
                text: "longer content"),
        TextRow(name: "else the longer of content and summary", input: input(1, summary: "the whole story here", content: "short"),
                text: "the whole story here"),
        TextRow(name: "a tie reads the summary", input: input(1, summary: "abc", content: "xyz"), text: "abc"),
        TextRow(name: "length counts characters, not bytes", input: input(1, summary: "abcd", content: "华为昇腾"), text: "abcd"),
    ]

    @Test("the text an item is read by", arguments: textRows)
    func text(_ row: TextRow) {
        #expect(ExtractStage.text(of: row.input) == row.text)
    }

    func stage() throws -> ExtractStage {
        ExtractStage(dictionary: try SharedDictionary.loaded.get(), logger: Logger(label: "test"), batchSize: 2)
    }

    @Test("copies of one story join it; another story starts its own; a run with nothing new does nothing")
    func stories() throws {
        let store = InMemoryExtractStore()
        let body = "Huawei said on Monday it has begun shipping the Ascend 950PR to its first customers in China."
        store.add(Self.input(1, content: body))
        store.add(Self.input(2, content: body + " Shares rose."))
        store.add(Self.input(3, title: "SMIC reports quarterly results", content: "SMIC said revenue grew in the quarter."))
        let first = try stage().run(store: store, all: false, now: Self.now)
        #expect(first.items == 3)
        #expect(first.newStories == 2)
        #expect(first.joinedStories == 1)
        #expect(store.stories.map(\.items) == [[1, 2], [3]])
        #expect(store.signals[1]?.contains { $0.event == .ship && $0.product == "Huawei Ascend 950PR" } == true)

        #expect(try stage().run(store: store, all: false, now: Self.now).items == 0)
        let again = try stage().run(store: store, all: true, now: Self.now)
        #expect(again.items == 3)
        #expect(again.newStories == 0 && again.joinedStories == 0)   // items keep their story
    }
}
