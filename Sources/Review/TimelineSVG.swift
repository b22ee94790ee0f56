import Core
import Foundation

/// The roadmap timeline as inline SVG: one row per milestone, the promised window as a bar
/// coloured by state, a slipped window as an outlined bar beside it, observed events as marks,
/// a line for the report date, year gridlines, and a legend.
public enum TimelineSVG {
    static let stateColours: [(MilestoneState, String)] = [
        (.pending, "#8a94a6"), (.shipped, "#2e9e5b"), (.slipped, "#e0a100"), (.overdue, "#d64545"), (.cancelled, "#5b5b5b"),
    ]
    static let labelWidth = 230.0, rowHeight = 30.0, plotWidth = 760.0, top = 40.0

    static func colour(_ state: MilestoneState) -> String { stateColours.first { $0.0 == state }?.1 ?? "#8a94a6" }

    /// Writes the timeline to `out` in pieces: a year of news has tens of thousands of marks.
    public static func render(_ data: ReportData, to out: (String) -> Void) {
        let (start, end) = range(data)
        let span = end.timeIntervalSince(start)
        func x(_ date: Date) -> Double { labelWidth + plotWidth * max(0, min(1, date.timeIntervalSince(start) / span)) }
        let height = top + rowHeight * Double(data.milestones.count) + 70
        let width = labelWidth + plotWidth + 20
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"Roadmap timeline\">\n"
        // Year gridlines.
        let calendar = Day(start).year...Day(end).year
        for year in calendar {
            let date = Day(year: year, month: 1, day: 1).date
            guard date >= start && date < end else { continue }
            let gx = x(date)
            svg += "<line x1=\"\(f(gx))\" y1=\"\(f(top - 10))\" x2=\"\(f(gx))\" y2=\"\(f(height - 60))\" stroke=\"#e3e6eb\"/>"
                + "<text x=\"\(f(gx + 3))\" y=\"\(f(top - 14))\" font-size=\"11\" fill=\"#555\">\(year)</text>\n"
        }
        for (index, m) in data.milestones.enumerated() {
            let y = top + rowHeight * Double(index)
            svg += "<g class=\"milestone-row\" data-milestone=\"\(esc(m.id))\">\n"
            svg += "<text x=\"4\" y=\"\(f(y + 17))\" font-size=\"12\" fill=\"#222\">\(esc(m.product))</text>\n"
            let promised = (x(m.promised.start.date), x(m.promised.end.adding(days: 1).date))
            svg += "<rect class=\"promised\" x=\"\(f(promised.0))\" y=\"\(f(y + 5))\" width=\"\(f(max(2, promised.1 - promised.0)))\" "
                + "height=\"12\" rx=\"2\" fill=\"\(colour(m.state))\"><title>\(esc(m.id)): promised \(m.promised), \(m.state.rawValue)</title></rect>\n"
            if m.window != m.promised {
                let slipped = (x(m.window.start.date), x(m.window.end.adding(days: 1).date))
                svg += "<rect class=\"slipped\" x=\"\(f(slipped.0))\" y=\"\(f(y + 8))\" width=\"\(f(max(2, slipped.1 - slipped.0)))\" "
                    + "height=\"8\" rx=\"2\" fill=\"none\" stroke=\"\(colour(.slipped))\" stroke-width=\"2\" stroke-dasharray=\"4 2\">"
                    + "<title>slipped to \(m.window)</title></rect>\n"
            }
            for mark in data.marks(for: m.product) {
                svg += markShape(mark.event, x: x(mark.published), y: y + 23,
                                 title: "\(mark.event.rawValue) (\(mark.modality.rawValue)), \(ReportData.day(mark.published)): \(mark.title)"
                                    + (mark.stories > 1 ? " (and \(mark.stories - 1) more \(mark.stories == 2 ? "story" : "stories") that day)" : ""))
                if svg.utf8.count >= 1 << 16 {
                    out(svg)
                    svg = ""
                }
            }
            svg += "</g>\n"
        }
        let nowX = x(data.at)
        svg += "<line class=\"report-date\" x1=\"\(f(nowX))\" y1=\"\(f(top - 10))\" x2=\"\(f(nowX))\" y2=\"\(f(height - 60))\" "
            + "stroke=\"#1f5fbf\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"><title>report date \(ReportData.day(data.at))</title></line>\n"
        svg += legend(y: height - 45)
        out(svg + "</svg>")
    }

    /// From a little before the earliest window or event to a little after the latest.
    static func range(_ data: ReportData) -> (Date, Date) {
        var dates = data.milestones.flatMap { [$0.promised.start.date, $0.window.end.date, $0.promised.end.date] }
        dates += data.milestones.flatMap { data.marks(for: $0.product).map(\.published) }
        dates.append(data.at)
        let low = Day(dates.min() ?? data.at), high = Day(dates.max() ?? data.at)
        return (Day(year: low.year, month: 1, day: 1).date, Day(year: high.year + 1, month: 1, day: 1).date)
    }

    static func markShape(_ event: EventKind, x: Double, y: Double, title: String) -> String {
        let t = "<title>\(esc(title))</title>"
        switch event {
        case .ship: return "<circle class=\"mark ship\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\" fill=\"#2e9e5b\">\(t)</circle>\n"
        case .slip:
            return "<path class=\"mark slip\" d=\"M\(f(x - 4)) \(f(y - 4)) L\(f(x + 4)) \(f(y + 4)) M\(f(x + 4)) \(f(y - 4)) L\(f(x - 4)) \(f(y + 4))\" "
                + "stroke=\"#e0a100\" stroke-width=\"2\">\(t)</path>\n"
        case .cancel:
            return "<rect class=\"mark cancel\" x=\"\(f(x - 4))\" y=\"\(f(y - 4))\" width=\"8\" height=\"8\" fill=\"#5b5b5b\">\(t)</rect>\n"
        default:
            return "<path class=\"mark announce\" d=\"M\(f(x)) \(f(y - 5)) L\(f(x + 5)) \(f(y)) L\(f(x)) \(f(y + 5)) L\(f(x - 5)) \(f(y)) Z\" "
                + "fill=\"#1f5fbf\">\(t)</path>\n"
        }
    }

    static func legend(y: Double) -> String {
        var svg = "<g class=\"legend\" font-size=\"11\" fill=\"#333\">\n"
        var x = labelWidth
        for (state, colour) in stateColours {
            svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"14\" height=\"10\" fill=\"\(colour)\"/><text x=\"\(f(x + 18))\" y=\"\(f(y + 9))\">\(state.rawValue)</text>\n"
            x += 85
        }
        svg += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 18))\" width=\"14\" height=\"8\" fill=\"none\" stroke=\"#e0a100\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>"
            + "<text x=\"\(f(labelWidth + 18))\" y=\"\(f(y + 26))\">slipped window</text>\n"
        svg += markShape(.ship, x: labelWidth + 130, y: y + 22, title: "ship") + "<text x=\"\(f(labelWidth + 138))\" y=\"\(f(y + 26))\">ship</text>\n"
        svg += markShape(.slip, x: labelWidth + 190, y: y + 22, title: "slip") + "<text x=\"\(f(labelWidth + 198))\" y=\"\(f(y + 26))\">slip</text>\n"
        svg += markShape(.announce, x: labelWidth + 245, y: y + 22, title: "announce") + "<text x=\"\(f(labelWidth + 253))\" y=\"\(f(y + 26))\">announce</text>\n"
        svg += markShape(.cancel, x: labelWidth + 330, y: y + 22, title: "cancel") + "<text x=\"\(f(labelWidth + 338))\" y=\"\(f(y + 26))\">cancel</text>\n"
        svg += "<line x1=\"\(f(labelWidth + 400))\" y1=\"\(f(y + 16))\" x2=\"\(f(labelWidth + 400))\" y2=\"\(f(y + 28))\" stroke=\"#1f5fbf\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>"
            + "<text x=\"\(f(labelWidth + 406))\" y=\"\(f(y + 26))\">report date</text>\n"
        return svg + "</g>\n"
    }

    /// The export-control timeline: restrictions (red) and relaxations (green) on one axis.
    static func exportControls(_ data: ReportData) -> String {
        let events = data.exportControls.filter { $0.published != nil }
        let (start, end) = events.isEmpty ? range(data) : (
            Day(year: Day(events.map { $0.published! }.min()!).year, month: 1, day: 1).date,
            Day(year: Day(max(events.map { $0.published! }.max()!, data.at)).year + 1, month: 1, day: 1).date)
        let span = end.timeIntervalSince(start)
        func x(_ date: Date) -> Double { 20 + (plotWidth + labelWidth - 40) * max(0, min(1, date.timeIntervalSince(start) / span)) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"export-controls\" viewBox=\"0 0 \(Int(labelWidth + plotWidth)) 90\" "
            + "width=\"\(Int(labelWidth + plotWidth))\" height=\"90\" role=\"img\" aria-label=\"Export-control timeline\">\n"
        svg += "<line x1=\"20\" y1=\"45\" x2=\"\(f(labelWidth + plotWidth - 20))\" y2=\"45\" stroke=\"#999\"/>\n"
        for year in Day(start).year...Day(end).year {
            let date = Day(year: year, month: 1, day: 1).date
            guard date >= start && date < end else { continue }
            svg += "<text x=\"\(f(x(date) + 2))\" y=\"80\" font-size=\"11\" fill=\"#555\">\(year)</text><line x1=\"\(f(x(date)))\" y1=\"38\" x2=\"\(f(x(date)))\" y2=\"52\" stroke=\"#999\"/>\n"
        }
        for event in events {
            let restrict = event.event == .restrict
            let cy = restrict ? 32.0 : 58.0
            svg += "<circle class=\"\(restrict ? "restrict" : "relax")\" cx=\"\(f(x(event.published!)))\" cy=\"\(f(cy))\" r=\"5\" "
                + "fill=\"\(restrict ? "#d64545" : "#2e9e5b")\"><title>\(esc("\(event.event.rawValue), \(ReportData.day(event.published)): \(event.title)"))</title></circle>\n"
        }
        svg += "<text x=\"20\" y=\"14\" font-size=\"11\" fill=\"#d64545\">● restrict</text><text x=\"100\" y=\"14\" font-size=\"11\" fill=\"#2e9e5b\">● relax</text>\n"
        return svg + "</svg>"
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func esc(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
