// SECURITY: reads and writes the store only; never uses the network (under systemd it runs
// with PrivateNetwork=yes), holds no credentials. Parses untrusted bytes with safe options.
import ArgumentParser
import Parse

/// `chipwatch parse`: turns each stored, unparsed document into items.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse the documents the fetch stage stored into items.",
        discussion: "A document that cannot be read is marked failed with an error naming its feed; it never stops the others.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clock: ClockOptions

    func run() throws {
        _ = try global.loadConfig()
        let store = try global.openStore()
        do {
            let summary = try ParseStage(logger: global.makeLogger("chipwatch.parse")).run(store: store, now: clock.date)
            print("parse: \(summary.documents) documents, \(summary.newItems) new items, \(summary.updatedItems) updated, "
                  + "\(summary.recovered) recovered, \(summary.failed) failed")
        } catch {
            printError("chipwatch parse: the stage could not run: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}
