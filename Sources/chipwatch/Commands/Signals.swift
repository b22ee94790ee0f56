// SECURITY: reads the store and writes one file (export); no network, no credentials.
import ArgumentParser
import Core
import Extract
import Foundation
import Review
import Store
import Wire

/// `chipwatch signals`: the signal log.
struct SignalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signals", abstract: "Show the signal log, filtered; one line per copy, or per story with --story.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Published at or after (ISO 8601).", valueName: "time")) var since: String?
    @Option(help: ArgumentHelp("Published at or before (ISO 8601).", valueName: "time")) var until: String?
    @Option(help: "Only signals naming this vendor.") var vendor: String?
    @Option(help: "Only this product (canonical name, or part of it).") var product: String?
    @Option(help: "ship, slip, announce, cancel, restrict or relax.") var event: String?
    @Option(help: "confirmed, reported, rumour, planned, denied or recap.") var modality: String?
    @Option(name: .customLong("min-confidence"), help: "Only signals at least this confident (0 to 1).") var minConfidence: Double?
    @Flag(help: "One line per story, with its number of sources, instead of one per copy.") var story = false
    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, Timestamp.parse(value) == nil { throw ValidationError("\(name): \"\(value)\" is not a time such as 2026-06-30") }
        }
        if let event, EventKind(rawValue: event) == nil { throw ValidationError("--event: \"\(event)\" must be one of ship, slip, announce, cancel, restrict, relax") }
        if let modality, Modality(rawValue: modality) == nil {
            throw ValidationError("--modality: \"\(modality)\" must be one of confirmed, reported, rumour, planned, denied, recap")
        }
    }

    func run() throws {
        let filter = SignalFilter(since: since.flatMap(Timestamp.parse), until: until.flatMap(Timestamp.parse), vendor: vendor,
                                  product: product, event: event.flatMap(EventKind.init), modality: modality.flatMap(Modality.init),
                                  minConfidence: minConfidence)
        let store = try global.openReviewStore()
        if !story {
            // Written as the log is read, in constant memory.
            let out = BufferedOutput()
            try SignalListing.write(format, each: { try store.eachSignal(filter, $0) }, to: out.write)
            out.flush()
            return
        }
        // A story's line needs all its copies: the stories are collected (one entry a story).
        var views: [SignalRecord] = []
        try store.eachSignal(filter) { views.append($0) }
        print(SignalListing.stories(views).render(format), terminator: "")
    }
}

/// `chipwatch export`: signals, stories, transitions and alerts as JSON lines.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write signals, stories, milestone transitions and alerts with their evidence as JSON lines.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("From this time on (ISO 8601).", valueName: "time")) var since: String
    @Option(help: ArgumentHelp("The .jsonl file to write.", valueName: "path")) var out: String

    func validate() throws {
        if Timestamp.parse(since) == nil { throw ValidationError("--since: \"\(since)\" is not a time such as 2026-01-01") }
    }

    func run() throws {
        let store = try global.openReviewStore()
        let from = Timestamp.parse(since)!
        // The signals are written as they are read, in constant memory, to a file that
        // replaces the target only when complete.
        var lines = ExportLines()
        do {
            try ReplacedFile.write(out) { file in
                try store.eachSignal(SignalFilter(since: from)) { file.write(lines.signal($0)) }
                try store.eachSignal(SignalFilter(since: from), byStory: true) { record in
                    if let line = lines.storySignal(record) { file.write(line) }
                }
                if let line = lines.storyLine() { file.write(line) }
                for line in lines.transitions(milestones: try store.milestoneViews(at: nil, evidence: .none).inRoadmapOrder(global.roadmapForOrder()), since: from) { file.write(line) }
                try store.eachAlert(since: from, oldestFirst: true) { file.write(lines.alert($0)) }
            }
        } catch let failure as ReplacedFile.Failure {
            printError("chipwatch export: \(failure)")
            throw ExitCode(ExitStatus.ioError)
        }
        print("export: \(lines.count) lines to \(out)")
    }
}
