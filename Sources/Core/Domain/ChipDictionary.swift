import Foundation

/// The extractor's knowledge, as `feeds/dictionary.yaml` states it: who makes what, what
/// each thing is called, and the words news uses for each kind of event.
///
/// Phrase syntax (aliases, vocabulary and cues alike): matching ignores case, spaces and
/// hyphens ("Ascend-910C" = "Ascend 910C" = "ascend910c") and never starts or ends inside a
/// word; a trailing `*` lets the last word continue ("ship*" matches shipped, shipments);
/// `A ... B` matches A followed by B within a few words in the same sentence.
public struct ChipDictionary: Sendable, Equatable {
    public struct Vendor: Sendable, Equatable {
        public var name: String
        public var aliases: [String]
        /// The calendar month its fiscal year ends in (Nvidia: 1, late January); nil for a
        /// calendar fiscal year. Fiscal quarters are read only for vendors that give one.
        public var fiscalYearEnd: Int?
        /// Brand words that open this vendor's model names ("Snapdragon" for Qualcomm): a
        /// brand followed by a model ("Snapdragon 8 Gen 1") names a product even when the
        /// dictionary does not list it, as "<Vendor> <brand> <model>" (marked unknown).
        public var lines: [String]
        public init(name: String, aliases: [String], fiscalYearEnd: Int? = nil, lines: [String] = []) {
            self.name = name
            self.aliases = aliases
            self.fiscalYearEnd = fiscalYearEnd
            self.lines = lines
        }
    }

    public struct Product: Sendable, Equatable {
        /// Canonical "<Vendor> <Product>", as in domain.md.
        public var name: String
        public var vendor: String
        /// The series it belongs to (itself a product), dropped when a member is named.
        public var family: String?
        public var aliases: [String]
        /// Bare model numbers ("960", "2nm") that count only when the vendor, or one of its
        /// products, is named elsewhere in the same item.
        public var contextAliases: [String]
        public init(name: String, vendor: String, family: String? = nil, aliases: [String], contextAliases: [String] = []) {
            self.name = name
            self.vendor = vendor
            self.family = family
            self.aliases = aliases
            self.contextAliases = contextAliases
        }
    }

    /// Regulators (BIS, MOFCOM) and the lists and rules they keep (Entity List, Affiliates Rule).
    public struct Agency: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable { case regulator, list, rule }
        public var name: String
        public var kind: Kind
        public var aliases: [String]
        public init(name: String, kind: Kind, aliases: [String]) {
            self.name = name
            self.kind = kind
            self.aliases = aliases
        }
    }

    /// The words for one event kind.
    public struct Vocabulary: Sendable, Equatable {
        public var phrases: [String]
        /// Noun phrases that are news in a headline but background in body text
        /// ("export controls").
        public var headlineOnly: [String]
        /// Words that suggest the event but are often loose ("launches"): lower confidence.
        public var weak: [String]
        /// Nouns that name a measure or an easing as a topic ("waiver", "豁免"): an event in a
        /// headline, or where their sentence acts on them now (a `measure` cue or another event
        /// word, before them or in their clause); otherwise part of other news ("the new tariff
        /// has exemptions for ...").
        public var topic: [String]
        public init(phrases: [String], headlineOnly: [String] = [], weak: [String] = [], topic: [String] = []) {
            self.phrases = phrases
            self.headlineOnly = headlineOnly
            self.weak = weak
            self.topic = topic
        }
    }

    /// Words that qualify an event rather than name one.
    public enum Cue: String, Sendable, CaseIterable {
        /// "not", "has yet to": the event right after them did not happen.
        case negation
        /// "denied", "inaccurate": the sentence disputes a claim.
        case denial
        /// "on track", "on schedule": a slip in the same sentence is disputed.
        case counter
        /// "reportedly", "sources said", "rumours".
        case rumour
        /// "according to", "report".
        case reported
        /// "plans to", "expected to", "set to": the event is a plan.
        case planned
        /// "according to the company", "reported revenue": the actor's own words, or a
        /// results figure; a report cue inside one is not a report.
        case own
        /// "revenue", "earnings", "shares": the item is (partly) about results or markets, where
        /// chip events are often background; read only by the confidence model.
        case results
        /// "will", "would": the future, which for a chip event is a plan but for a reported
        /// government decision ("Nvidia will be allowed to sell") is the decision itself.
        case future
        /// "following the", "which launched", "continue to": an older event retold.
        case recap
        /// "won", "extended", "获得": a measure acted on now, which makes a topic noun ("waiver")
        /// after it or in its clause an event.
        case measure
    }

    public var vendors: [Vendor]
    public var products: [Product]
    public var agencies: [Agency]
    public var events: [EventKind: Vocabulary]
    public var cues: [Cue: [String]]
    /// Phrases that contain event words but are not events ("trading debut", "revealed that").
    public var ignore: [String]
    /// Turns a signal's features into the probability that it is right (`confidence_model`).
    public var confidenceModel: ConfidenceModel?

    public init(vendors: [Vendor] = [], products: [Product] = [], agencies: [Agency] = [],
                events: [EventKind: Vocabulary] = [:], cues: [Cue: [String]] = [:], ignore: [String] = []) {
        self.vendors = vendors
        self.products = products
        self.agencies = agencies
        self.events = events
        self.cues = cues
        self.ignore = ignore
    }
}
