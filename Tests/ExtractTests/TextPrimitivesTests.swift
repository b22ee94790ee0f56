@testable import Extract
import Testing

/// The extractor's text primitives that replaced standard ones for speed: each must answer as
/// the standard one does on the words and texts it is given.
@Suite("Text primitives")
struct TextPrimitivesTests {
    @Test("WordSet answers as Set<String> on its members, near misses and random words")
    func wordSet() {
        let members = ["ship", "shipping", "halt", "暂停", "出货", "q1", "h2", "a", "million", "ex-works"]
        let set = WordSet(members)
        for word in members {
            #expect(set.contains(word), "\(word)")
            #expect(set.contains(Substring("x" + word + "x").dropFirst().dropLast()), "\(word) as a substring")
        }
        for miss in ["", "Ship", "ships", "shi", "暂", "暂停止", "q", "h22", "aa", "exworks"] {
            #expect(!set.contains(miss), "\(miss)")
        }
        // Many words (the table grows, probes collide): membership as Set<String> has it.
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcdefghij停出货")
        func word() -> String { String((0..<Int.random(in: 1...6, using: &generator)).map { _ in letters.randomElement(using: &generator)! }) }
        let words = (0..<2_000).map { _ in word() }
        let reference = Set(words), large = WordSet(words)
        for probe in words + (0..<5_000).map({ _ in word() }) {
            #expect(large.contains(probe) == reference.contains(probe), "\(probe)")
        }
        #expect(large.words.count == reference.count)
    }

    @Test("includes finds a substring as Foundation's contains did", arguments: [
        ("是否获批仍悬而未决", "是否", true), ("获批", "是否", false), ("", "是否", false), ("是否", "", true),
        ("出货样品", "样品", true), ("样", "样品", false), ("scope:halt", "halt", true), ("abcabd", "abd", true),
    ])
    func includes(text: String, needle: String, expected: Bool) {
        #expect(text.includes(needle) == expected)
        #expect(Substring(text).includes(needle) == expected)
    }

    @Test("MatchText decodes a text's code points as the standard view does")
    func decodedScalars() {
        for text in ["", "Ascend 950PR", "华为昇腾950PR于2026年第一季度出货", "naïve café – “quoted” 🚀 \u{10FFFF}", "e\u{0301}", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"] {
            #expect(MatchText.scalars(of: text) == Array(text.unicodeScalars), "\(text)")
        }
    }

    @Test("String(scalars:) spells the code points it is given")
    func stringFromScalars() {
        for text in ["", "Ascend 950PR", "华为昇腾950PR于2026年第一季度出货", "naïve café – “quoted” 🚀", "\u{0301}e"] {
            let scalars = Array(text.unicodeScalars)
            #expect(String(scalars: scalars) == text)
            let part = scalars.dropFirst().prefix(5)
            #expect(String(scalars: part) == String(String.UnicodeScalarView(part)), "\(text)")
        }
    }
}
