// SECURITY: the only stage that holds credentials (SMTP passwords, webhook secrets, read
// when a delivery needs them and never logged); uses the network to reach receivers only.
import ArgumentParser
import Core
import Foundation
import Review
import Wire
import Notify
import PostgresStore
import Store

/// `chipwatch notify`: delivers what is due in the outbox.
struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Deliver the alert notices in the outbox: email, webhooks, log files; retried, signed, never silently lost.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clock: ClockOptions
    @Flag(name: .customLong("dry-run"), help: "Print what would be sent (routing included) and change nothing.")
    var dryRun = false

    func run() throws {
        StageGuard.dieWithParentRun()
        let config = try global.loadConfig()
        let rules = config.rules ?? RuleSet()
        let stage = NotifyStage(rules: rules, logger: global.makeLogger("chipwatch.notify"))
        let shared = try global.openPostgresStageStore()
        let store: NotifyStore = try shared ?? global.openStore()
        if dryRun {
            DryRun.print(try stage.plan(store: store, now: clock.date))
            return
        }
        // One host sends at a time, so a delivery due now is attempted once.
        if let shared, !(try global.takeSingleton(.notify, on: shared, stage: "notify")) { return }
        do {
            let summary = try stage.run(store: store, now: clock.date)
            print("notify: \(summary.routed) deliveries routed, \(summary.sent) sent, \(summary.retrying) to retry, "
                + "\(summary.dead) dead-lettered, \(summary.digests) digests")
        } catch {
            printError("chipwatch notify: the stage could not run: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}

/// `notify --dry-run`: the notifications a run would attempt now (digests included), with their bodies.
enum DryRun {
    static func print(_ plan: NotifyPlan) {
        for send in plan.sends {
            Swift.print("== \(send.receiver) (delivery \(send.key), \(send.entries.count) alert\(send.entries.count == 1 ? "" : "s"))")
            Swift.print(String(decoding: Payload.body(key: send.key, receiver: send.receiver, entries: send.entries), as: UTF8.self))
        }
        if plan.sends.isEmpty { Swift.print("notify --dry-run: nothing to send now") }
    }
}

/// `chipwatch outbox`: the deliveries and their state; `outbox retry` puts dead ones back in line.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Show deliveries (pending, sent, dead), or retry dead ones.",
        subcommands: [OutboxList.self, OutboxRetry.self], defaultSubcommand: OutboxList.self)
}

struct OutboxList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show deliveries, newest first.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "pending, sent, dead, collecting or digested.") var state: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func validate() throws {
        if let state, Delivery.State(rawValue: state) == nil {
            throw ValidationError("--state: \"\(state)\" must be pending, sent, dead, collecting or digested")
        }
    }

    func run() throws {
        let wanted = state.flatMap(Delivery.State.init(rawValue:))
        let deliveries = try global.openPostgresStageStore()?.deliveries(state: wanted) ?? global.openStore().deliveries(state: wanted)
        var rows: [[String]] = []
        for d in deliveries {
            let summary = d.entries.first?.alert.summary ?? ""
            rows.append([String(d.id), d.receiver, d.state.rawValue, String(d.attempts), d.lastCode.map(String.init) ?? "-",
                         d.state == .pending ? Timestamp.format(d.nextAttempt) : (d.sentAt.map(Timestamp.format) ?? "-"),
                         d.lastError ?? summary])
        }
        let listing = Listing(columns: ["id", "receiver", "state", "tries", "code", "next/sent", "error or first alert"],
                              rows: rows, json: deliveries.map { WireJSON.line(DeliveryJSON($0)) },
                              shrinkFirst: [6])
        Swift.print(listing.render(format), terminator: "")
    }
}

struct OutboxRetry: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retry", abstract: "Put a dead delivery (or every one) back in line.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var clock: ClockOptions
    @Argument(help: "The id of a dead delivery.") var id: Int64?
    @Flag(help: "Every dead delivery.") var dead = false

    func validate() throws {
        if (id == nil) == !dead { throw ValidationError("give a delivery id or --dead, not both") }
    }

    func run() throws {
        let count = try global.openPostgresStageStore()?.retryDead(id: id, at: clock.date)
            ?? global.openStore().retryDead(id: id, at: clock.date)
        if count == 0 && id != nil {
            printError("chipwatch outbox retry: delivery \(id!) is not dead (see chipwatch outbox --state dead)")
            throw ExitCode(ExitStatus.dataError)
        }
        Swift.print("outbox: \(count) dead deliver\(count == 1 ? "y" : "ies") back in line; the next notify sends them")
    }
}
