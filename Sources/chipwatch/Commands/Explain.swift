// SECURITY: reads the configuration and the store; no network, no credentials.
import ArgumentParser
import Config
import Core
import Foundation
import Review
import Store

/// `chipwatch explain ID`: why an alert fired or a milestone stands where it does, from
/// sources to items to signals to the rule, with the evidence sentences.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an alert (by id or fingerprint) or a milestone (by id): sources, items, signals, rule, evidence.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "An alert id or fingerprint, or a milestone id.") var id: String

    func run() throws {
        let config = try global.loadConfig()
        let store = try global.openReviewStore()
        if let milestone = try store.milestoneView(id) {
            print(Explanation.text(milestone, roadmap: config.roadmap?.first { $0.id == id }), terminator: "")
        } else if let alert = try store.alertView(id) {
            print(Explanation.text(alert, rules: config.rules), terminator: "")
        } else {
            printError("chipwatch explain: no alert or milestone \"\(id)\" (see chipwatch alerts and chipwatch milestones)")
            throw ExitCode(ExitStatus.dataError)
        }
    }
}
