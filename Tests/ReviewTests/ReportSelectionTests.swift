import Core
import Foundation
import Review
import Testing

/// What a report keeps of the log: export-control moves once per story; one timeline mark per
/// product, event, modality and day, counting the stories it stands for (a year of news puts
/// thousands of stories on one product, and the axis has one place a day).
@Suite("Report selection")
struct ReportSelectionUnitTests {
    static func record(_ id: Int64, story: Int64, _ event: EventKind, _ modality: Modality = .reported,
                       product: String? = "Huawei Ascend 950PR", day: Int) -> SignalRecord {
        let text = "claim \(id)"
        let signal = Signal(vendors: ["Huawei"], product: product, event: event, modality: modality, window: nil,
                            windowText: nil, quantities: [], evidence: Evidence(text: text, field: "text", start: 0, end: text.count),
                            confidence: 0.8)
        return SignalRecord(id: id, itemID: id, storyID: story, feedID: "f\(id)", tier: .tradePress,
                            published: Date(timeIntervalSince1970: Double(day) * 86_400 + 3_600), title: "story \(story)", url: "u\(id)",
                            signal: signal)
    }

    @Test("stories of one day are one mark counting them; copies of a story count once; other days, events and modalities are their own marks")
    func marksByDay() {
        var selection = ReportData.SignalSelection(products: ["Huawei Ascend 950PR"])
        for r in [Self.record(1, story: 1, .ship, day: 20_000), Self.record(2, story: 1, .ship, day: 20_000),   // a copy
                  Self.record(3, story: 2, .ship, day: 20_000), Self.record(4, story: 3, .ship, day: 20_000),
                  Self.record(5, story: 4, .ship, day: 20_001), Self.record(6, story: 5, .slip, day: 20_000),
                  Self.record(7, story: 6, .ship, .confirmed, day: 20_000), Self.record(8, story: 7, .ship, .recap, day: 20_000),
                  Self.record(9, story: 8, .ship, product: "Nvidia H20", day: 20_000)] {
            selection.offer(r)
        }
        let marks = selection.marks["Huawei Ascend 950PR"] ?? []
        #expect(marks.map { "\($0.event.rawValue) \($0.modality.rawValue) \($0.stories) \($0.title)" }
                == ["ship reported 3 story 1", "ship reported 1 story 4", "slip reported 1 story 5", "ship confirmed 1 story 6"])
        #expect(selection.marks["Nvidia H20"] == nil)
    }

    @Test("export-control moves are kept once per story and kind, with what the report shows of them")
    func exportMoves() {
        var selection = ReportData.SignalSelection(products: [])
        for r in [Self.record(1, story: 1, .restrict, product: nil, day: 20_000), Self.record(2, story: 1, .restrict, product: nil, day: 20_000),
                  Self.record(3, story: 1, .relax, product: nil, day: 20_000), Self.record(4, story: 2, .restrict, .denied, product: nil, day: 20_000)] {
            selection.offer(r)
        }
        #expect(selection.exportControls.map { "\($0.event.rawValue) \($0.title) \($0.quote)" } == ["restrict story 1 claim 1", "relax story 1 claim 3"])
    }
}
