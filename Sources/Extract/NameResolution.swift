import Core

/// Which vendors and products an item names. A bare model number ("960", "2nm") counts
/// only when its vendor, or another of its products, is named in the same item; a family
/// ("Huawei Ascend 950") is dropped when one of its members is named. (A class, as the signal
/// reader holds it: no copy of its arrays at the hand-over.)
final class NameResolution {
    struct Mention {
        var field: String
        var start: Int
        var end: Int
        var products: [Int]
        var vendors: [Int]
        var agencies: [Int]
    }

    let compiled: CompiledDictionary
    private(set) var mentions: [Mention] = []
    /// Models named with a known vendor that the dictionary does not know.
    private(set) var unknown: [UnknownName] = []
    private(set) var unknownNames: [String] = []
    /// Where the body's lede ends: its first two sentences ("Huawei unveiled its SuperPoD
    /// series. It includes the Atlas 950 SuperPoD ...").
    private var ledeEnd: Int?
    private(set) var vendorNames: [String] = []
    /// The same vendors, as indices into the dictionary's vendors.
    private(set) var vendorIndices: [Int] = []
    private(set) var productNames: [String] = []
    /// For each family named only as a family, the one member named elsewhere, if exactly one.
    private var familyMember: [Int: Int] = [:]

    init(fields: [FieldReading], compiled: CompiledDictionary) {
        self.compiled = compiled
        let dictionary = compiled.dictionary
        var namedVendors = Set<Int>()
        for field in fields {
            for (_, refs) in field.names {
                for ref in refs {
                    switch ref {
                    case .vendor(let v), .line(let v): namedVendors.insert(v)
                    case .product(let p, contextual: false):
                        if let v = compiled.productVendor[p] { namedVendors.insert(v) }
                    default: break
                    }
                }
            }
        }
        var productOrder: [Int] = []
        var vendorOrder: [Int] = []
        for field in fields {
            // Where each vendor is named in this field, to give a bare "7nm" to the nearest maker.
            var vendorPlaces: [Int: [Int]] = [:]
            for (hit, refs) in field.names {
                for ref in refs {
                    switch ref {
                    case .vendor(let v), .line(let v): vendorPlaces[v, default: []].append(hit.start)
                    case .product(let p, contextual: false):
                        if let v = compiled.productVendor[p] { vendorPlaces[v, default: []].append(hit.start) }
                    default: break
                    }
                }
            }
            for (hit, refs) in field.names {
                var mention = Mention(field: field.name, start: hit.start, end: hit.end, products: [], vendors: [], agencies: [])
                var contextual: [(product: Int, distance: Int)] = []
                for ref in refs {
                    switch ref {
                    case .vendor(let v), .line(let v): mention.vendors.append(v)
                    case .agency(let a): mention.agencies.append(a)
                    case .product(let p, let isContextual):
                        let vendor = compiled.productVendor[p]
                        if isContextual {
                            guard let vendor, namedVendors.contains(vendor) else { continue }
                            // Named before the alias ("SMIC's 7nm") counts nearer than after it.
                            let distance = vendorPlaces[vendor]?.map { $0 <= hit.start ? hit.start - $0 : ($0 - hit.start) * 2 }.min() ?? Int.max
                            contextual.append((p, distance))
                            continue
                        }
                        if !mention.products.contains(p) { mention.products.append(p) }
                    }
                }
                if let nearest = contextual.min(by: { $0.distance < $1.distance }), !mention.products.contains(nearest.product) {
                    mention.products.append(nearest.product)
                }
                for p in mention.products {
                    if !productOrder.contains(p) { productOrder.append(p) }
                    if let v = compiled.productVendor[p], !vendorOrder.contains(v) { vendorOrder.append(v) }
                }
                for v in mention.vendors where !vendorOrder.contains(v) { vendorOrder.append(v) }
                if !(mention.products.isEmpty && mention.vendors.isEmpty && mention.agencies.isEmpty) {
                    mentions.append(mention)
                }
            }
        }
        // A family named beside one of its members is that member ("Maia ... Braga").
        var members: [String: [Int]] = [:]
        for p in productOrder {
            // Every family up the chain: "AMD Instinct" beside "MI450" (of the MI400 series) is the MI450.
            var family = dictionary.products[p].family
            var steps = 0
            while let name = family, steps < 4 {
                members[name, default: []].append(p)
                family = compiled.productIndex[name].flatMap { dictionary.products[$0].family }
                steps += 1
            }
        }
        productOrder.removeAll { members[dictionary.products[$0].name] != nil }
        for (family, list) in members where list.count == 1 {
            if let f = compiled.productIndex[family] { familyMember[f] = list[0] }
        }
        productNames = productOrder.map { dictionary.products[$0].name }
        for field in fields { unknown += UnknownNames.find(in: field, compiled: compiled) }
        ledeEnd = fields.first { $0.name == "text" }.flatMap { $0.sentences.prefix(2).last?.range.upperBound }
        for name in unknown.map(\.name) where !unknownNames.contains(name) { unknownNames.append(name) }
        vendorIndices = vendorOrder
        vendorNames = vendorOrder.map { dictionary.vendors[$0].name }
    }

    func mentions(in field: String, _ range: Range<Int>) -> [Mention] {
        mentions.filter { $0.field == field && range.contains($0.start) }
    }

    /// The product a sentence without a name most likely speaks of: the headline's first
    /// product, else the item's only one.
    var fallbackProduct: Int? {
        if let title = mentions.first(where: { $0.field == "title" && !$0.products.isEmpty }) { return resolved(title.products[0]) }
        let all = Set(productNames)
        if all.count == 1 { return compiled.productIndex[productNames[0]] }
        // A headline without a name: the first product of the lede.
        if let ledeEnd, let lede = mentions.first(where: { $0.field == "text" && !$0.products.isEmpty && $0.start < ledeEnd }) {
            return resolved(lede.products[0])
        }
        return nil
    }

    func resolved(_ product: Int) -> Int { familyMember[product] ?? product }

    func upgradeFamily(_ signal: inout Signal) {
        guard let name = signal.product, let p = compiled.productIndex[name], let member = familyMember[p] else { return }
        signal.product = compiled.dictionary.products[member].name
    }
}
