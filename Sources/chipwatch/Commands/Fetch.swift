// SECURITY: network (http/https only, private addresses refused unless configured), writes the
// store; holds no credentials. Under systemd it runs as its own unit with network access.
import ArgumentParser
import Config
import Fetch
import Foundation

/// `chipwatch fetch`: polls the feeds that are due and stores new documents.
struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch the feeds that are due and store new documents.",
        discussion: "Exits 0 when the stage ran, even if some feeds failed: see `chipwatch feeds`.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clock: ClockOptions

    @Option(name: .customLong("feed"), help: ArgumentHelp("Fetch only this feed, due or not (repeatable).", valueName: "id"))
    var feeds: [String] = []

    @Flag(help: "Fetch every feed now, ignoring intervals and backoff.")
    var force = false

    func run() throws {
        StageGuard.dieWithParentRun()
        let config = try global.loadConfig()
        let unknown = feeds.filter { id in !config.feeds.contains { $0.id == id } }
        if !unknown.isEmpty {
            printError("chipwatch fetch: no feed with id \(unknown.joined(separator: ", ")) in \(config.feedsPath)")
            throw ExitCode(ExitStatus.usage)
        }
        let store = try global.openStageStore()
        let stage = FetchStage(settings: config.fetch, logger: global.makeLogger("chipwatch.fetch"))
        do {
            let summary = try stage.run(feeds: config.feeds, store: store, now: clock.date, force: force, only: feeds)
            var line = "fetch: \(summary.attempted) polled, \(summary.fetched) new, \(summary.notModified) not modified, "
                + "\(summary.unchanged) unchanged, \(summary.failed) failed, \(summary.skippedNotDue) not due"
            if summary.leftToOthers > 0 { line += ", \(summary.leftToOthers) polled by another host" }
            if summary.deferred > 0 {
                line += ", \(summary.deferred) left for the next run (the run's deadline of \(Int(config.fetch.effectiveRunDeadline)) s passed)"
            }
            if summary.networkUnreachable { line += " (network unreachable: no source blamed)" }
            print(line)
        } catch {
            printError("chipwatch fetch: the stage could not run: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}
