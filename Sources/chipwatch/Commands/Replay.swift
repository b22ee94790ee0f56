// SECURITY: reads the store and writes a scratch copy in a temporary directory; sends nothing.
import ArgumentParser
import Config
import Core
import Foundation
import PostgresStore
import Logging
import Review
import Rules
import Store

/// `chipwatch replay`: a backtest. Re-evaluates the stored signals step by step in a scratch
/// copy of the store, as if time were passing, and prints the timeline of milestone changes
/// and alert notices. Nothing is sent and the real store is not touched.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Backtest: re-evaluate the stored signals step by step in a scratch copy and print the timeline.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("First instant (ISO 8601).", valueName: "time")) var from: String
    @Option(help: ArgumentHelp("Last instant (ISO 8601).", valueName: "time")) var to: String
    @Option(help: ArgumentHelp("Step between evaluations (e.g. 1d, 12h).", valueName: "duration")) var step = "1d"

    func validate() throws {
        guard let start = Timestamp.parse(from) else { throw ValidationError("--from: \"\(from)\" is not a time such as 2026-01-01") }
        guard let end = Timestamp.parse(to), end >= start else { throw ValidationError("--to: \"\(to)\" must be a time after --from") }
        guard let seconds = DurationText.seconds(step), seconds >= 3600 else {
            throw ValidationError("--step: \"\(step)\" must be a duration of at least 1h (e.g. 1d)")
        }
        if end.timeIntervalSince(start) / seconds > 20_000 { throw ValidationError("--step: too many steps; use a longer one") }
    }

    func run() throws {
        let config = try global.loadConfig()
        // The backtest prints its own timeline: the stage's per-change log lines would repeat it.
        var logger = global.makeLogger("chipwatch.replay")
        logger.logLevel = .error
        let stage = try EvaluateSetup.stage(config, logger: logger)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chipwatch-replay-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let copy: Store
        if let shared = try global.postgresStore(config.store.postgres) {
            // A PostgreSQL store is copied (one snapshot, verified) into a scratch SQLite file.
            do { copy = try Store(directory: scratch) } catch {
                printError("chipwatch replay: \(error)")
                throw ExitCode(ExitStatus.ioError)
            }
            _ = try StoreCopy.copyOut(from: shared, to: copy)
        } else {
            copy = try global.openStore().copy(to: scratch)
        }
        try copy.resetEvaluation()
        let start = Timestamp.parse(from)!, end = Timestamp.parse(to)!, seconds = DurationText.seconds(step)!
        var now = start
        var steps = 0
        while now <= end {
            _ = try stage.run(store: copy, now: now)
            steps += 1
            now = now.addingTimeInterval(seconds)
        }
        print("replay: \(steps) evaluations from \(ReplayTimeline.day(start)) to \(ReplayTimeline.day(end)), every \(step); nothing sent")
        print(ReplayTimeline.text(milestones: try copy.milestoneViews(), notices: try copy.outboxNotices()), terminator: "")
    }
}
