import Core
import Foundation
import Review
import TestSupport
import Testing

/// What a report reads of the signal log is chosen in SQL (claims of export controls and of
/// the roadmap's products): each store must select exactly what the same rule selects on the
/// whole log, and less than the whole log.
@Suite("Report selection")
struct ReportSelectionTests {
    @Test("the report's filter selects in SQL what the rule selects on the whole log", arguments: StoreBackend.allCases)
    func reportFilter(_ backend: StoreBackend) throws {
        let s = try Scenario(roadmap: [EvaluateTests.pr], backend: backend)
        try s.publish("a", tier: .official, "2026-02-03T08:00:00Z", "US adds Huawei affiliates to Entity List",
                      "The Commerce Department added Huawei affiliates to the Entity List on Tuesday.")
        try s.publish("b", tier: .official, "2026-02-04T08:00:00Z", "Huawei ships the Ascend 950PR",
                      "Huawei said it has begun shipping the Ascend 950PR to customers.")
        try s.publish("c", tier: .official, "2026-02-05T08:00:00Z", "Nvidia ships the H20",
                      "Nvidia has begun shipping the H20 to customers in China.")
        try s.publish("d", tier: .official, "2026-02-06T08:00:00Z", "Huawei denies",
                      "Huawei denied that it has delayed the Ascend 950PR.")
        try s.evaluate("2026-02-07T00:00:00Z")
        let until = try #require(Timestamp.parse("2026-02-07T00:00:00Z"))
        var all: [SignalRecord] = []
        try s.store.eachSignal(SignalFilter(until: until)) { all.append($0) }
        let rule = all.filter { $0.signal.modality.isEvent && ($0.signal.event.isTrade || $0.signal.product == "Huawei Ascend 950PR") }
        var selected: [Int64] = []
        try s.store.eachSignal(ReportData.signalFilter(until: until, products: ["Huawei Ascend 950PR"])) { selected.append($0.id) }
        #expect(selected == rule.map(\.id))
        #expect(!selected.isEmpty)
        #expect(selected.count < all.count, "the H20 ship and the denial are not read")
        #expect(rule.contains { $0.signal.event == .restrict } && rule.contains { $0.signal.event == .ship })
    }
}
