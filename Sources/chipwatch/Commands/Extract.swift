// SECURITY: reads and writes the store only; never uses the network (under systemd it runs
// with PrivateNetwork=yes), holds no credentials.
import ArgumentParser
import Extract
import Foundation
import PostgresStore

/// `chipwatch extract`: turns each new or edited item into signals and stories.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract chip and export-control signals from the items the parse stage stored.",
        discussion: "With --all, rebuilds every signal from the stored items (after the dictionary changed), without duplicates.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clock: ClockOptions

    @Flag(help: "Rebuild the signals of every stored item, not only new and edited ones.")
    var all = false

    func run() throws {
        StageGuard.dieWithParentRun()
        let dictionary = try global.loadDictionary()
        let store = try global.openStageStore()
        do {
            let stage = ExtractStage(dictionary: dictionary, logger: global.makeLogger("chipwatch.extract"))
            let summary = try stage.run(store: store, all: all, now: clock.date)
            print("extract: \(summary.items) items, \(summary.signals) signals, \(summary.newStories) new stories, "
                + "\(summary.joinedStories) copies of known stories")
            if let shared = store as? PostgresStageStore { global.recordAuditHead(shared) }
        } catch {
            printError("chipwatch extract: the stage could not run: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}
