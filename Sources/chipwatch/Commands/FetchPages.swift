// SECURITY: network (http/https only, private addresses refused unless configured), writes the
// store; holds no credentials. Runs in the fetch process's sandbox, never in parse's.
import ArgumentParser
import Fetch
import Foundation

/// `chipwatch fetch-pages`: the article pass for `full_text: true` feeds.
struct FetchPages: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch-pages",
        abstract: "Fetch the own page of each new item of full_text feeds (parse then extracts its main text).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clock: ClockOptions

    func run() throws {
        StageGuard.dieWithParentRun()
        let config = try global.loadConfig()
        let store = try global.openStageStore()
        do {
            let counts = try PageFetchStage(settings: config.fetch, logger: global.makeLogger("chipwatch.fetch-pages"))
                .run(feeds: config.feeds, store: store, now: clock.date)
            print("fetch-pages: \(counts.fetched) pages fetched, \(counts.failed) failed"
                  + (counts.deferred > 0 ? ", \(counts.deferred) left for the next run (the run's deadline passed)" : ""))
        } catch {
            printError("chipwatch fetch-pages: the stage could not run: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}
