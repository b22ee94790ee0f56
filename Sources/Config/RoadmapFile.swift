import Core
import Foundation
import Yams

/// Reads `roadmap.yaml`: a `milestones:` list (format in the README, "The roadmap").
enum RoadmapFile {
    static let keys: Set<String> = ["id", "vendor", "product", "window", "event", "grace", "source"]

    static func read(path: String, reader r: YAMLReader, dictionary: ChipDictionary?) -> [Milestone] {
        guard let root = r.load(path), let top = r.mapping(root, "", allowed: ["milestones"], required: ["milestones"]),
              let list = top["milestones"], let items = r.sequence(list, "milestones") else { return [] }
        let products = Dictionary((dictionary?.products ?? []).map { ($0.name, $0.vendor) }, uniquingKeysWith: { a, _ in a })
        var milestones: [Milestone] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let field = "milestones[\(index)]"
            guard let map = r.mapping(item, field, allowed: keys, required: ["id", "vendor", "product", "window"]),
                  let idNode = map["id"], let id = r.string(idNode, "\(field).id"),
                  let vendorNode = map["vendor"], let vendor = r.string(vendorNode, "\(field).vendor"),
                  let productNode = map["product"], let product = r.string(productNode, "\(field).product"),
                  let windowNode = map["window"] else { continue }
            if !Milestone.isValidID(id) { r.issue(idNode, "\(field).id", "\"\(id)\" must use only a-z, 0-9 and -") }
            if let line = seen[id] { r.issue(idNode, "\(field).id", "\"\(id)\" is already used on line \(line)") }
            seen[id] = idNode.mark?.line ?? 0
            if dictionary != nil {
                if let owner = products[product] {
                    if owner != vendor {
                        r.issue(vendorNode, "\(field).vendor", "\"\(vendor)\" is not the vendor of \(product) (the dictionary says \(owner))")
                    }
                } else {
                    r.issue(productNode, "\(field).product", "\"\(product)\" is not a product of the dictionary (use its canonical name)")
                }
            }
            guard let window = readWindow(windowNode, "\(field).window", r) else { continue }
            var milestone = Milestone(id: id, vendor: vendor, product: product, window: window)
            if let node = map["event"], let text = r.string(node, "\(field).event") {
                if let event = EventKind(rawValue: text), !event.isTrade, event != .slip {
                    milestone.event = event
                } else {
                    r.issue(node, "\(field).event", "\"\(text)\" must be ship, announce or cancel")
                }
            }
            if let node = map["grace"], let text = r.string(node, "\(field).grace") {
                if let seconds = DurationText.seconds(text), seconds >= 0 {
                    milestone.graceDays = Int((seconds / 86_400).rounded(.up))
                } else {
                    r.issue(node, "\(field).grace", "\"\(text)\" must be a duration such as 30d")
                }
            }
            if let node = map["source"], let source = r.mapping(node, "\(field).source", allowed: ["url", "date"], required: ["url"]) {
                if let urlNode = source["url"], let url = r.string(urlNode, "\(field).source.url") { milestone.sourceURL = url }
                if let dateNode = source["date"], let text = r.string(dateNode, "\(field).source.date") {
                    if let day = DateWindow(text), day.granularity == .day { milestone.sourceDate = day.start }
                    else { r.issue(dateNode, "\(field).source.date", "\"\(text)\" must be a date YYYY-MM-DD") }
                }
            }
            milestones.append(milestone)
        }
        return milestones
    }

    /// `2026-Q1`, `2026-H2`, `2027`, `2026-03`, `2026-03-20`, or `{start: 2026-01-15, end: 2026-03-31}`.
    static func readWindow(_ node: Node, _ field: String, _ r: YAMLReader) -> DateWindow? {
        if case .mapping = node {
            guard let map = r.mapping(node, field, allowed: ["start", "end"], required: ["start", "end"]),
                  let a = map["start"].flatMap({ r.string($0, "\(field).start") }),
                  let b = map["end"].flatMap({ r.string($0, "\(field).end") }) else { return nil }
            guard let start = DateWindow(a), start.granularity == .day, let end = DateWindow(b), end.granularity == .day,
                  let window = DateWindow.range(start.start, end.start) else {
                r.issue(node, field, "start and end must be dates YYYY-MM-DD, start before end")
                return nil
            }
            return window
        }
        guard let text = r.string(node, field) else { return nil }
        guard let window = DateWindow(text) else {
            r.issue(node, field, "\"\(text)\" must be 2026-Q1, 2026-H2, 2027, 2026-03, 2026-03-20 or {start, end}")
            return nil
        }
        return window
    }
}
