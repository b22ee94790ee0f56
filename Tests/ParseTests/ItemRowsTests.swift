import Core
import Foundation
import Parse
import Testing

/// `ItemRows`: the edit hash moves with every field a reader sees, and with nothing else.
@Suite("Item rows")
struct ItemRowsTests {
    static func base() -> FeedItem {
        var item = FeedItem()
        item.id = "urn:1"
        item.title = "Huawei ships Ascend 950PR"
        item.link = "https://news.example/950pr"
        item.summary = "Huawei said it has begun shipping."
        return item
    }

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var edit: @Sendable (inout FeedItem) -> Void
        var changes: Bool
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "nothing edited", edit: { _ in }, changes: false),
        Row(name: "the key alone is not content", edit: { $0.id = "urn:2" }, changes: false),
        Row(name: "title", edit: { $0.title += "!" }, changes: true),
        Row(name: "link", edit: { $0.link += "?x" }, changes: true),
        Row(name: "summary", edit: { $0.summary = "" }, changes: true),
        Row(name: "content", edit: { $0.content = "More." }, changes: true),
        Row(name: "links", edit: { $0.links = ["https://news.example/alt"] }, changes: true),
        Row(name: "authors", edit: { $0.authors = [Person(name: "A. Writer")] }, changes: true),
        Row(name: "categories", edit: { $0.categories = ["chips"] }, changes: true),
        Row(name: "enclosures", edit: { $0.enclosures = [Enclosure(url: "https://e/1.mp3", type: "audio/mpeg", length: 1)] },
            changes: true),
        Row(name: "published", edit: { $0.published = FeedDate(text: "Mon, 01 Jun 2026 10:00:00 GMT", date: nil) }, changes: true),
        Row(name: "updated", edit: { $0.updated = FeedDate(text: "2026-06-01T10:00:00Z", date: nil) }, changes: true),
        // Field boundaries are kept: text moved from the title into the link is an edit.
        Row(name: "text moved across a field boundary", edit: { $0.title = "Huawei ships"; $0.link = " Ascend 950PR" + $0.link },
            changes: true),
    ]

    @Test("the edit hash", arguments: rows)
    func editHash(_ row: Row) throws {
        var edited = Self.base()
        row.edit(&edited)
        let before = try ItemRows.row(Self.base()), after = try ItemRows.row(edited)
        #expect((before.editHash != after.editHash) == row.changes)
    }

    @Test("lists are encoded once, with sorted keys, as the store keeps them")
    func encoded() throws {
        var item = Self.base()
        item.authors = [Person(name: "A", email: "a@example.com")]
        item.links = ["https://x.example/a/b"]
        let row = try ItemRows.row(item)
        #expect(row.authorsJSON == #"[{"email":"a@example.com","name":"A"}]"#)
        #expect(row.linksJSON == #"["https://x.example/a/b"]"#)
        #expect(row.key == "urn:1")
        // A stored item keeps its hash across versions: a changed encoding would make every
        // item of an existing store look edited and extract it again.
        #expect(try ItemRows.row(Self.base()).editHash == "3e45c149bcd576e3920e2afa25ab3c6cc46ee84b30bcc1af40e152e9a125dc93")
    }
}
