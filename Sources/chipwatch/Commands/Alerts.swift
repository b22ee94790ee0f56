// SECURITY: reads the store only; no network, no credentials.
import ArgumentParser
import Core
import Foundation
import Review
import Store
import Wire

/// `chipwatch alerts`: the alerts fired, newest first.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Show the alerts fired, newest first, with their state and evidence.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only alerts fired at or after this time (ISO 8601).", valueName: "time")) var since: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func validate() throws {
        if let since, Timestamp.parse(since) == nil { throw ValidationError("--since: \"\(since)\" is not a time such as 2026-06-30") }
    }

    func run() throws {
        let store = try global.openReviewStore()
        let out = BufferedOutput()
        try AlertListing.write(format, each: { try store.eachAlert(since: since.flatMap(Timestamp.parse), $0) }, to: out.write)
        out.flush()
    }
}
