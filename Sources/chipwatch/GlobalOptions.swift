import ArgumentParser
import Config
import Core
import Foundation
import Logging
import Store

/// Exit statuses from sysexits.h where they fit.
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let ioError: Int32 = 74
    static let tempFail: Int32 = 75
    static let config: Int32 = 78
}

/// Options every command accepts: where the configuration and the state live.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The main configuration file.",
        discussion: "Default: $CHIPWATCH_CONFIG, else /etc/chipwatch/chipwatch.yaml if it exists, else feeds/chipwatch.yaml.",
        valueName: "path"))
    var config: String?

    @Option(name: .customLong("state-dir"), help: ArgumentHelp(
        "Where the database and run files live.",
        discussion: "Default: $STATE_DIRECTORY, else $XDG_STATE_HOME/chipwatch, else ~/.local/state/chipwatch.",
        valueName: "dir"))
    var stateDir: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    var configPath: String { config ?? ChipwatchConfig.defaultPath() }

    var stateDirectory: String { stateDir ?? ChipwatchConfig.defaultStateDirectory() }

    /// Sets up logging once: one event per line on stderr, data in metadata.
    func makeLogger(_ label: String) -> Logger {
        LoggingBootstrap.once(level: logLevel)
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }

    /// Loads the configuration or exits 78 with every problem on stderr.
    func loadConfig() throws -> ChipwatchConfig {
        do {
            return try ChipwatchConfig.load(path: configPath)
        } catch let error as ConfigError {
            printError("chipwatch: configuration error\n\(error)")
            throw ExitCode(ExitStatus.config)
        }
    }

    /// The extractor's dictionary, or exit 78 when the configuration names none.
    func loadDictionary() throws -> ChipDictionary {
        let config = try loadConfig()
        guard let dictionary = config.dictionary else {
            printError("chipwatch: configuration error\n\(config.path): dictionary: is required for extraction (e.g. dictionary: dictionary.yaml)")
            throw ExitCode(ExitStatus.config)
        }
        return dictionary
    }

    /// Opens the store or exits 74 naming the file (78 when the configuration names a
    /// PostgreSQL store, which this version does not run stages on).
    func openStore() throws -> Store {
        try refuseSQLiteOnlyWithPostgres()
        do {
            return try Store(directory: stateDirectory)
        } catch {
            printError("chipwatch: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}

/// Options of commands whose result depends on the clock.
struct ClockOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Act as if it were this instant (ISO 8601), for replays and tests.",
                                            valueName: "time"))
    var now: String?

    func validate() throws {
        if let now, Timestamp.parse(now) == nil {
            throw ValidationError("--now: \"\(now)\" is not an ISO 8601 time such as 2026-03-20T08:00:00Z")
        }
    }

    var date: Date { now.flatMap(Timestamp.parse) ?? Date() }
}

enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false
    static func once(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

