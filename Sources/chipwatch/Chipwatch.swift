import ArgumentParser
import Core

/// The root command: wiring only. Each subcommand lives in `Commands/`.
@main
struct Chipwatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chipwatch",
        abstract: "Watches the AI-chip supply chain: which roadmap promises turned into proof.",
        version: ChipwatchVersion.current,
        subcommands: [Run.self, CheckConfig.self, Fetch.self, FetchPages.self, ParseCommand.self, ParseFile.self, ExtractCommand.self, ExtractText.self, EvaluateCommand.self, MilestonesCommand.self, AlertsCommand.self, ExplainCommand.self, ReplayCommand.self, NotifyCommand.self, OutboxCommand.self, SignalsCommand.self, DictionaryCommand.self, ReportCommand.self, ExportCommand.self, VerifyLogCommand.self, FeedsCommand.self, StoreCommand.self, ServeCommand.self, WebCommand.self, Demo.self]
    )

    /// Declared here too so `chipwatch --config X fetch` works as well as `chipwatch fetch --config X`.
    @OptionGroup var global: GlobalOptions
}
