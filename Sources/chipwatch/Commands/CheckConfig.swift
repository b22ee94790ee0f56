// SECURITY: reads the configuration files only; no network, no store, no credentials.
import ArgumentParser
import Config

/// `chipwatch check-config`: validates every configuration file; exits 78 on an error.
struct CheckConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration; exit 78 on an error, 0 otherwise.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let config = try global.loadConfig()
        print("\(config.path): ok (\(config.feeds.count) feeds in \(config.feedsPath))")
        if let dictionary = config.dictionary, let path = config.dictionaryPath {
            let words = dictionary.events.values.reduce(0) { $0 + $1.phrases.count + $1.headlineOnly.count + $1.weak.count }
            print("\(path): ok (\(dictionary.vendors.count) vendors, \(dictionary.products.count) products, "
                + "\(dictionary.agencies.count) agencies, \(words) event phrases)")
        }
        if let roadmap = config.roadmap, let path = config.roadmapPath { print("\(path): ok (\(roadmap.count) milestones)") }
        if let rules = config.rules, let path = config.rulesPath {
            print("\(path): ok (\(rules.rules.count) rules, \(rules.silences.count) silences)")
        }
    }
}
