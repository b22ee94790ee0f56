// SECURITY: reads the store only; no network, no credentials.
import ArgumentParser
import Core
import Foundation
import Review
import Store
import Wire

/// `chipwatch milestones`: the milestone board, now or as known on a past date.
struct MilestonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestones",
        abstract: "Show each roadmap milestone: promised window, state, observed date, days early or late, evidence.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Show what was known at this time (ISO 8601).", valueName: "time")) var at: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func validate() throws {
        if let at, Timestamp.parse(at) == nil { throw ValidationError("--at: \"\(at)\" is not a time such as 2026-06-30") }
    }

    func run() throws {
        let views = try global.openReviewStore().milestoneViews(at: at.flatMap(Timestamp.parse), evidence: .summary)
            .inRoadmapOrder(global.roadmapForOrder())
        print(MilestoneListing.make(views).render(format), terminator: "")
    }
}
