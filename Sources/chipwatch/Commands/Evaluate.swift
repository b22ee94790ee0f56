// SECURITY: reads and writes the store only; never uses the network (under systemd it runs
// with PrivateNetwork=yes), holds no credentials: alerts go to the outbox for notify.
import ArgumentParser
import Config
import Core
import Foundation
import Logging
import PostgresStore
import Review
import Rules
import Store

/// `chipwatch evaluate`: moves milestones on new signals and the clock; fires alerts.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Move roadmap milestones on new signals and the clock, and fire alerts into the outbox.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clock: ClockOptions

    func run() throws {
        StageGuard.dieWithParentRun()
        let config = try global.loadConfig()
        let stage = try EvaluateSetup.stage(config, logger: global.makeLogger("chipwatch.evaluate"))
        if let shared = try global.openPostgresStageStore() {
            // One host evaluates at a time; the others leave it to that one.
            guard try global.takeSingleton(.evaluate, on: shared, stage: "evaluate") else { return }
            try evaluate(stage, store: shared, recentAlerts: shared.recentAlertViews)
            global.recordAuditHead(shared)
        } else {
            let store = try global.openStore()
            try evaluate(stage, store: store, recentAlerts: store.recentAlertViews)
        }
    }

    private func evaluate(_ stage: EvaluateStage, store: EvaluateStore, recentAlerts: (Int) throws -> [AlertView]) throws {
        do {
            let summary = try stage.run(store: store, now: clock.date)
            print(EvaluateSetup.line(summary))
            // The latest alerts as an Atom feed beside the database (on PostgreSQL, in the state
            // directory of the host that evaluated), for feed readers; written only when it
            // changed, so a run with nothing new costs no rewrite.
            let feed = AlertsFeed.render(try recentAlerts(AlertsFeed.entries), now: clock.date)
            let path = (global.stateDirectory as NSString).appendingPathComponent("alerts.atom")
            if (try? String(contentsOfFile: path, encoding: .utf8)) != feed {
                do { try feed.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                    printError("chipwatch evaluate: cannot write \(path): \(error.localizedDescription)")
                }
            }
        } catch {
            printError("chipwatch evaluate: the stage could not run: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}

/// What evaluate and replay share: the stage built from the configuration.
enum EvaluateSetup {
    static func stage(_ config: ChipwatchConfig, logger: Logger) throws -> EvaluateStage {
        guard let roadmap = config.roadmap else {
            printError("chipwatch: configuration error\n\(config.path): roadmap: is required for evaluation (e.g. roadmap: roadmap.yaml)")
            throw ExitCode(ExitStatus.config)
        }
        return EvaluateStage(roadmap: roadmap, rules: config.rules ?? RuleSet(), dictionary: config.dictionary,
                             logger: logger)
    }

    static func line(_ s: EvaluateRunSummary) -> String {
        "evaluate: \(s.signals) signals, \(s.transitions) milestone changes, \(s.alertsFired) alerts fired, "
            + "\(s.alertsResolved) resolved, \(s.queued) notices queued, \(s.silenced) silenced"
    }
}
