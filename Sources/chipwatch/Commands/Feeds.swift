// SECURITY: reads the configuration and the store; `import` rewrites the feeds file.
// No network, no credentials.
import ArgumentParser
import Config
import Core
import Foundation
import Review
import Parse
import Wire

/// `chipwatch feeds`: each feed's health; `import` and `export` move lists as OPML 2.0.
struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "Show each feed's health, or import/export feed lists as OPML.",
        subcommands: [FeedsList.self, FeedsImport.self, FeedsExport.self],
        defaultSubcommand: FeedsList.self)
}

struct FeedsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show each feed's health.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func run() throws {
        let config = try global.loadConfig()
        let health = try global.openReviewStore().feedHealth()
        print(FeedHealthListing.make(feeds: config.feeds, health: health).render(format), terminator: "")
    }
}

struct FeedsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Append the feeds of an OPML file to the feeds file (URLs already there are skipped).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "An OPML file exported by another reader.") var file: String
    @Option(help: "Tier of the imported feeds (1 official, 2 trade press, 3 aggregator).") var tier = 3
    @Option(help: "Poll interval of the imported feeds.") var interval = "1h"
    @Flag(name: .customLong("dry-run"), help: "Print the entries instead of writing them.") var dryRun = false

    func validate() throws {
        guard (1...3).contains(tier) else { throw ValidationError("--tier must be 1, 2 or 3") }
        guard DurationText.seconds(interval) != nil else { throw ValidationError("--interval: \"\(interval)\" is not a duration") }
    }

    func run() throws {
        let config = try global.loadConfig()
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("chipwatch feeds import: cannot read \(file)")
            throw ExitCode(ExitStatus.ioError)
        }
        let subscriptions: [OPML.Subscription]
        do { subscriptions = try OPML.read([UInt8](data), source: file) } catch {
            printError("chipwatch feeds import: \(error)")
            throw ExitCode(ExitStatus.dataError)
        }
        let added = FeedsImporter.newFeeds(subscriptions.map { .init(title: $0.title, xmlURL: $0.xmlURL, folders: $0.folders) },
                                         existing: config.feeds,
                                        tier: SourceTier(rawValue: tier)!, interval: DurationText.seconds(interval)!)
        let text = FeedsFile.yamlEntries(added)
        if dryRun || added.isEmpty {
            print(text, terminator: "")
            print("\(added.count) new of \(subscriptions.count) in \(file)")
            return
        }
        try FeedsImporter.append(text, to: config.feedsPath, configPath: config.path)
        print("added \(added.count) of \(subscriptions.count) feeds from \(file) to \(config.feedsPath)")
    }
}

struct FeedsExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Print the feeds as OPML 2.0.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        print(OPML.write(try global.loadConfig().feeds, now: Date()), terminator: "")
    }
}
