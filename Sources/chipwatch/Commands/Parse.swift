// SECURITY: reads and writes the store only; never uses the network (under systemd it runs
// with PrivateNetwork=yes), holds no credentials. Parses untrusted bytes with safe options.
import ArgumentParser
import Foundation
import Parse

/// `chipwatch parse`: turns each stored, unparsed document into items.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse the documents the fetch stage stored into items.",
        discussion: "A document that cannot be read is marked failed with an error naming its feed; it never stops the others.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clock: ClockOptions

    @Option(name: .customLong("limit-memory-mb"), help: ArgumentHelp("Cap this process's address space (set by `run`).", visibility: .hidden))
    var limitMemoryMB: Int?
    @Option(name: .customLong("limit-cpu-seconds"), help: ArgumentHelp("Cap this process's CPU time (set by `run`).", visibility: .hidden))
    var limitCPUSeconds: Int?

    func run() throws {
        StageGuard.dieWithParentRun()
        // A hostile document must not take the machine with it: bound this process.
        if let limitMemoryMB { ResourceLimit.set(RLIMIT_AS, UInt64(limitMemoryMB) << 20) }
        if let limitCPUSeconds { ResourceLimit.set(RLIMIT_CPU, UInt64(limitCPUSeconds)) }
        _ = try global.loadConfig()
        let store = try global.openStageStore()
        do {
            let stage = ParseStage(logger: global.makeLogger("chipwatch.parse"))
            let summary = try stage.run(store: store, now: clock.date)
            let pages = try stage.runPages(store: store)
            var line = "parse: \(summary.documents) documents, \(summary.newItems) new items, \(summary.updatedItems) updated, "
                + "\(summary.recovered) recovered, \(summary.failed) failed"
            if pages.extracted + pages.failed > 0 { line += "; \(pages.extracted) pages with full text, \(pages.failed) without" }
            print(line)
        } catch {
            printError("chipwatch parse: the stage could not run: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}

/// setrlimit for the current process, soft and hard alike.
enum ResourceLimit {
    static func set(_ resource: __rlimit_resource, _ value: UInt64) {
        var limit = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
        if setrlimit(__rlimit_resource_t(resource.rawValue), &limit) != 0 {
            printError("chipwatch: cannot set resource limit \(resource.rawValue): \(String(cString: strerror(errno)))")
        }
    }
}
