// SECURITY: reads the store; no network, no credentials, writes nothing.
import ArgumentParser
import Core
import Foundation
import Review
import Wire

/// `chipwatch dictionary suggest`: models named with a known vendor that the dictionary does
/// not know yet, for a person to add to dictionary.yaml (then `chipwatch extract --all`).
struct DictionaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dictionary", abstract: "Help keep dictionary.yaml current.",
        subcommands: [DictionarySuggest.self], defaultSubcommand: DictionarySuggest.self)
}

struct DictionarySuggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "List product names the extractor met with a known vendor but not in the dictionary, most signals first.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("min-count"), help: "Only names with at least this many signals.") var minCount = 1
    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func run() throws {
        let views = try global.openReviewStore().unknownProductSignals()
        print(UnknownProductListing.make(views, minCount: minCount).render(format), terminator: "")
    }
}
