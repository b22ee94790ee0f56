// SECURITY: takes the run lock in the state directory and starts each stage as a child
// process; holds no credentials itself. Stages that need no network (parse) run in an
// empty network namespace where the kernel allows it, with memory and CPU limits.
import ArgumentParser
import Core
import Foundation
import PostgresStore
import Review
import Store

/// `chipwatch run`: the cron and systemd entry point. One run at a time (exit 75 if another
/// holds the lock); each stage a child process; a stage that fails is reported by name and
/// the others still run; exit 1 if any stage failed, 78 on a configuration error.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the pipeline once: each stage as a child process, under a lock.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clock: ClockOptions

    @Flag(help: "Print nothing unless something needs a human (for cron, which mails any output).")
    var quiet = false

    @Option(name: .customLong("metrics-file"), help: ArgumentHelp(
        "Where to write the Prometheus textfile (default: chipwatch.prom in the state directory).", valueName: "path"))
    var metricsFile: String?

    func run() throws {
        let config = try global.loadConfig()
        // With a PostgreSQL store: reachable and at this version's schema, or no stage starts.
        let shared = try global.openPostgresStageStore()
        let state = global.stateDirectory
        let lock: RunLock?
        do { lock = try RunLock(directory: state) } catch {
            printError("chipwatch run: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
        guard let lock else {
            printError("chipwatch run: another run is in progress (pid \(RunLock.holder(directory: state) ?? "?")); nothing done")
            throw ExitCode(ExitStatus.tempFail)
        }
        // Stages on a PostgreSQL store reach it over the network: none runs in an empty namespace.
        let (isolated, isolation) = shared == nil ? NetworkIsolation.available() : (false, "off (the store is a PostgreSQL server)")
        var base = ["--config", config.path, "--state-dir", state]
        // Under --quiet, routine warnings (a feed that failed) must not mail the operator.
        base += ["--log-level", quiet && global.logLevel == .info ? "error" : global.logLevel.rawValue]
        let runner = StageRunner(baseArguments: base, isolateNetwork: isolated)
        let now = clock.now.map { ["--now", $0] } ?? []
        let parseLimits = ["--limit-memory-mb", "2048", "--limit-cpu-seconds", "600"]
        var stages: [(name: String, arguments: [String], offline: Bool)] = [
            ("fetch", now, false),
            ("parse", now + parseLimits, true),
        ]
        // The article pass for full_text feeds: their new items' pages, then their main text.
        if config.feeds.contains(where: \.fullText) {
            stages += [("fetch-pages", now, false), ("parse", now + parseLimits, true)]
        }
        if config.dictionary != nil { stages.append(("extract", now, true)) }
        if config.roadmap != nil { stages.append(("evaluate", now, true)) }
        if !(config.rules?.receivers.isEmpty ?? true) { stages.append(("notify", now, false)) }
        var results: [StageResult] = []
        for stage in stages {
            // Later stages read what earlier ones committed, so they run even if one failed.
            fflush(nil)
            let progress = Progress.start(stage: stage.name, quiet: quiet)
            let result = runner.run(stage.name, arguments: stage.arguments, offline: stage.offline)
            progress?.stop()
            results.append(result)
            if !quiet { print(result.output, terminator: "") }
        }
        let failures = results.compactMap(\.failure)
        if !quiet || !failures.isEmpty {
            let durations = results.map { "\($0.name) \(String(format: "%.2f", $0.seconds))s" }.joined(separator: ", ")
            print("run: \(durations); network isolation for parse, extract and evaluate: \(isolation)")
            for failure in failures { print("run: stage failed: \(failure)") }
        }
        writeMetrics(results: results, state: state, failed: !failures.isEmpty, stats: { try shared?.stats() ?? Store(directory: state).stats() })
        withExtendedLifetime(lock) {}
        if !failures.isEmpty { throw ExitCode.failure }
    }

    /// The textfile, and the time of the last fully successful run kept beside it.
    /// On a PostgreSQL store each host writes its own textfile: its stage timings and last
    /// success, beside the store-wide figures.
    private func writeMetrics(results: [StageResult], state: String, failed: Bool, stats: () throws -> StoreStats) {
        let stampPath = (state as NSString).appendingPathComponent("last-success")
        let now = Date()
        if !failed { try? Timestamp.format(now).write(toFile: stampPath, atomically: true, encoding: .utf8) }
        let lastSuccess = (try? String(contentsOfFile: stampPath, encoding: .utf8)).flatMap { Timestamp.parse($0) }
        do {
            let stats = try stats()
            let text = Metrics.render(stages: results.map { Metrics.StageTiming(name: $0.name, seconds: $0.seconds, succeeded: $0.succeeded) },
                                      stats: stats, now: now, lastSuccess: lastSuccess)
            try MetricsFile.write(text, to: metricsFile ?? (state as NSString).appendingPathComponent("chipwatch.prom"))
        } catch {
            printError("chipwatch run: cannot write the metrics file: \(error)")
        }
    }
}
