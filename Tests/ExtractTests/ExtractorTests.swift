import Config
import Core
import Extract
import Foundation
import TestSupport
import Testing

/// The extractor on sentences written from domain.md's sources (not the labelled set the
/// evaluation runner scores), with the real dictionary.
@Suite("Extractor")
struct ExtractorTests {
    let extractor: Extractor
    init() throws { extractor = try SharedExtractor.loaded.get() }

    func extract(_ title: String, _ text: String = "", date: String = "2026-06-15") -> ItemExtraction {
        extractor.extract(title: title, text: text, published: Timestamp.parse(date))
    }

    /// The item's events that count (not denied, not recaps), as "event product window".
    func events(_ x: ItemExtraction) -> [String] {
        x.signals.filter { $0.modality.isEvent }.map { "\($0.event.rawValue) \($0.product ?? "-") \($0.window?.description ?? "-")" }
    }

    @Test func aDenialIsNeverALaunch() {
        let x = extract("Huawei denies unveiling new chip",
                        "Huawei denied reports that it had unveiled the Ascend 920 at a closed-door event.")
        #expect(events(x).isEmpty)
        #expect(x.signals.contains { $0.product == "Huawei Ascend 920" && $0.modality == .denied })
        #expect(x.products == ["Huawei Ascend 920"])
    }

    @Test func aNegationIsNeverAShipment() {
        let x = extract("B30A update", "Nvidia has not yet shipped the B30A to Chinese customers, the company said.")
        #expect(!x.signals.contains { $0.event == .ship && $0.modality.isEvent })
        #expect(x.signals.contains { $0.product == "Nvidia B30A" && $0.modality == .denied })
    }

    @Test func aRecapOfAnOldLaunchIsARecap() {
        let x = extract("CloudMatrix grows", "The Ascend 910C, which launched in early 2025, powers the CloudMatrix 384.")
        #expect(!x.signals.contains { $0.product == "Huawei Ascend 910C" && $0.modality.isEvent })
        #expect(x.signals.contains { $0.product == "Huawei Ascend 910C" && $0.modality == .recap })
    }

    @Test func aRumouredSlipKeepsItsModalityAndNewDate() {
        let x = extract("Rubin schedule", "A leaker claims Nvidia will delay Rubin from the second half of 2026 to the first quarter of 2027.")
        let slip = x.signals.first { $0.event == .slip }
        #expect(slip?.product == "Nvidia Rubin")
        #expect(slip?.modality == .rumour)
        #expect(slip?.window?.description == "2027-Q1")
        // Sources a newsroom cites make a report, not a rumour (LABELLING.md).
        let reported = extract("Rubin schedule", "Sources say Nvidia will delay Rubin to the first quarter of 2027.")
        #expect(reported.signals.first { $0.event == .slip }?.modality == .reported)
    }

    @Test func samplingIsAnAnnouncementNotAShipment() {
        let x = extract("SK hynix HBM4 samples", "SK hynix began sampling HBM4 to customers in March.", date: "2025-03-19")
        #expect(events(x) == ["announce SK hynix HBM4 2025-Q1"])
    }

    @Test func alreadyShippingIsAShipInThePublicationQuarter() {
        let x = extract("Micron on HBM4", "Micron said its HBM4 is already in mass production and shipping to customers.",
                        date: "2026-02-11")
        #expect(events(x) == ["ship Micron HBM4 2026-Q1"])
    }

    @Test func aPresentTenseHeadlineForAFutureDateIsAPlan() {
        let x = extract("TSMC enters 2nm mass production in the fourth quarter of 2026", date: "2026-01-10")
        #expect(x.signals.first?.event == .announce)
        // An announcement's modality says who vouches for it: no one else is cited.
        #expect(x.signals.first?.modality == .confirmed)
        #expect(x.signals.first?.window?.description == "2026-Q4")
    }

    @Test func cancellationAndProductionHalts() {
        #expect(events(extract("Intel cancels Falcon Shores as a product", date: "2025-01-30")) == ["cancel Intel Falcon Shores -"])
        let halt = extract("H20 work halted", "Nvidia told suppliers to halt H20 production, The Information reported.", date: "2025-08-22")
        #expect(halt.signals.first?.event == .cancel)
        #expect(halt.signals.first?.modality == .reported)
    }

    @Test func exportControlsNameWhatMoved() {
        let x = extract("Commerce adds chip firms",
                        "The Bureau of Industry and Security added 12 Chinese companies, including Sophgo, to the Entity List.",
                        date: "2025-01-16")
        let restrict = x.signals.first { $0.event == .restrict && $0.evidence.field == "text" }
        #expect(restrict?.lists == ["Entity List"])
        #expect(restrict?.regulators == ["BIS"])
        #expect(restrict?.vendors == ["Sophgo"])
        let relax = extract("BIS relaxes rule", "BIS will now review H200 licence applications case-by-case.", date: "2026-01-15")
        #expect(relax.signals.first?.event == .relax)
        #expect(relax.signals.first?.products == ["Nvidia H200"])
    }

    @Test func chineseNewsReadsNamesDatesAndEvents() {
        let x = extract("华为昇腾950DT推迟至2027年第一季度量产", date: "2026-10-08")
        #expect(x.products == ["Huawei Ascend 950DT"])
        #expect(x.vendors == ["Huawei"])
        #expect(events(x) == ["slip Huawei Ascend 950DT 2027-Q1"])
    }

    @Test func namesAreRobustToCaseHyphensAndSpacingButNotInsideWords() {
        for text in ["Huawei's Ascend-910C ships", "the ASCEND 910C ships", "the Ascend910c ships", "the Ascend 910 C ships"] {
            #expect(extract(text).products == ["Huawei Ascend 910C"], "\(text)")
        }
        #expect(extract("Model XH200 and H2000 boards went on sale").products.isEmpty)
        // A bare model number needs its vendor named in the same item.
        #expect(extract("The 960 version arrives in 2027").products.isEmpty)
        #expect(extract("Huawei: the 960 version arrives in 2027").products == ["Huawei Ascend 960"])
    }

    @Test func aFamilyNamedBesideOneMemberIsThatMember() {
        let x = extract("Maia delay", "Microsoft's Maia chip, codenamed Braga, is reportedly delayed to 2026.", date: "2025-06-30")
        #expect(x.products == ["Microsoft Maia 200"])
        #expect(x.signals.first?.product == "Microsoft Maia 200")
    }

    @Test func quantitiesComeWithUnits() {
        let x = extract("Ascend 950PR specs", "The Ascend 950PR ships with 1 PFLOPS of FP8 compute, 128 GB of HBM at 1.6 TB/s, on a 7nm-class process.",
                        date: "2026-03-20")
        let quantities = x.signals.first?.quantities ?? []
        #expect(quantities.contains(Quantity(value: 1, unit: "PFLOPS", precision: "FP8", kind: "compute")))
        #expect(quantities.contains(Quantity(value: 128, unit: "GB", kind: "memory")))
        #expect(quantities.contains(Quantity(value: 1.6, unit: "TB/s", kind: "bandwidth")))
        #expect(quantities.contains(Quantity(value: 7, unit: "nm", kind: "process")))
    }

    @Test func evidenceOffsetsPointIntoTheField() throws {
        let text = "Analysts were upbeat. 华为 said the Ascend 950PR is now generally available."
        let x = extract("", text)
        let evidence = try #require(x.signals.first).evidence
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[evidence.start..<evidence.end])) == evidence.text)
        #expect(evidence.text.hasPrefix("华为 said"))
    }

    @Test(arguments: [
        ("in the first quarter of 2026", "2025-06-01", "2026-Q1"), ("1Q26", "2025-06-01", "2026-Q1"),
        ("Q1'26", "2025-06-01", "2026-Q1"), ("by the end of 2026", "2025-06-01", "2026-Q4"),
        ("in 2H26", "2025-06-01", "2026-H2"), ("in the second half of next year", "2025-06-01", "2026-H2"),
        ("in mid-2026", "2025-06-01", "2026"), ("in late 2027", "2025-06-01", "2027-H2"),
        ("next year", "2025-09-18", "2026"), ("this quarter", "2025-08-02", "2025-Q3"),
        ("until February or March", "2023-11-27", "2024-Q1"), ("on May 20, 2026", "2026-05-22", "2026-05-20"),
        ("in fiscal Q1 2026", "2025-06-01", "-"), ("2026年下半年", "2025-06-01", "2026-H2"), ("明年", "2025-06-01", "2026"),
    ])
    func dateWindows(_ phrase: String, _ published: String, _ expected: String) {
        let x = extract("", "Huawei will ship the Ascend 950DT \(phrase).", date: published)
        #expect((x.signals.first?.window?.description ?? "-") == expected, "\(phrase)")
    }

    @Test func nearDuplicateStoriesAreWithinTheDistanceAndOthersFarOutside() {
        let a = "Huawei has started shipping Atlas 350 cards built on the Ascend 950PR to cloud customers in China, the company said on Friday, adding that volumes would rise through the year."
        let b = "Huawei has started shipping Atlas 350 cards built on the Ascend 950PR to cloud customers in China, the company said Friday, adding that volumes would rise through the year."
        let c = "BIS added twelve Chinese companies to the Entity List on Tuesday, citing support for military end uses and advanced computing."
        let ha = StoryKey.simhash(title: "Huawei ships Atlas 350", text: a)
        #expect(StoryKey.distance(ha, StoryKey.simhash(title: "Huawei ships Atlas 350", text: b)) <= StoryKey.maxDistance)
        #expect(StoryKey.distance(ha, StoryKey.simhash(title: "Entity List additions", text: c)) > 2 * StoryKey.maxDistance)
    }

    @Test("confidence is the shipped model's probability of the signal's features, corroboration and spread among them")
    func confidenceFeatures() throws {
        let dictionary = try SharedDictionary.loaded.get()
        let model = try #require(dictionary.confidenceModel)
        let text = "Huawei began shipping the Ascend 950PR to customers. The Ascend 950PR is now shipping in volume, Huawei said."
        let (x, features) = extractor.extractWithFeatures(title: "", text: text, published: Timestamp.parse("2026-03-20"))
        let ships = x.signals.indices.filter { x.signals[$0].event == .ship }
        #expect(ships.count == 2)
        for index in ships {
            #expect(features[index].contains("item:same-kind:2"))
            #expect(features[index].contains("item:kinds:1"))
            #expect(x.signals[index].confidence == (model.probability(features[index]) * 100).rounded() / 100)
        }
        // One claim among several kinds: a lone ship beside a restriction.
        let mixed = extractor.extractWithFeatures(
            title: "", text: "Huawei began shipping the Ascend 950PR. The US added Huawei to the Entity List.",
            published: Timestamp.parse("2026-03-20"))
        let ship = try #require(mixed.extraction.signals.firstIndex { $0.event == .ship })
        #expect(mixed.features[ship].contains("item:same-kind:1"))
        #expect(mixed.features[ship].contains("item:kinds:2"))
    }
}


/// The story key is stored with every story: a new way of computing it must give the same
/// bits, or items would stop joining the stories they belong to.
@Suite("Story key bits")
struct StoryKeyBitsTests {
    /// The definition: FNV-1a of each normalised word and each pair "a b", mixed, summed per bit.
    static func reference(title: String, text: String) -> UInt64 {
        let words = StoryKey.titleKey(title + " " + text).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return 0 }
        var features = words
        if words.count > 1 { for i in 1..<words.count { features.append(words[i - 1] + " " + words[i]) } }
        var weights = [Int](repeating: 0, count: 64)
        for feature in features {
            var z = ContentHash.fnv1a(feature) &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            let hash = z ^ (z >> 31)
            for bit in 0..<64 { weights[bit] += (hash >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    @Test("the key of every labelled item is the definition's")
    func sameBits() throws {
        var checked = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: Repository.root + "/Tests/Evaluation/labelled") where file.hasSuffix(".jsonl") {
            let text = try String(contentsOfFile: Repository.root + "/Tests/Evaluation/labelled/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
                let title = object["title"] as? String ?? "", body = object["text"] as? String ?? ""
                #expect(StoryKey.simhash(title: title, text: body) == Self.reference(title: title, text: body), "\(title)")
                checked += 1
            }
        }
        #expect(checked >= 500)
        for (title, body) in [("", ""), ("One", ""), ("", "  ,;  "), ("华为 昇腾", "950PR 出货 Q1 2026"), ("A-B C", "d'e f"),
                              ("Node 2", ".5 nm chips"), ("华为", "昇腾出货"), ("Ends with a dot.", "3.5 GHz")] {
            #expect(StoryKey.simhash(title: title, text: body) == Self.reference(title: title, text: body), "\(title) \(body)")
        }
    }

    @Test("the extract stage's keys, hashed from the fields the extractor read, are the definition's")
    func stageKeys() throws {
        let extractor = try SharedExtractor.loaded.get()
        for (title, body) in [("Huawei ships Ascend 950PR", "Huawei has started shipping the Ascend 950PR, people said."),
                              ("Node 2", ".5 nm chips"), ("华为", "昇腾出货"), ("", "Only a body."), ("Only a title", "")] {
            let read = extractor.extractWithStoryKeys(title: title, text: body, published: nil)
            #expect(read.simhash == Self.reference(title: title, text: body), "\(title)")
            #expect(read.titleKey == StoryKey.titleKey(title), "\(title)")
            #expect(read.extraction == extractor.extract(title: title, text: body, published: nil))
        }
    }
}
