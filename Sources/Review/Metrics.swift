import Core
import Foundation

/// The Prometheus textfile written after each run (node_exporter's textfile collector reads
/// it): per-stage durations and results, feed failures by class, document and item counts,
/// and when the last run and the last fully successful run ended.
public enum Metrics {
    /// How one stage of a run went.
    public struct StageTiming: Sendable {
        public var name: String
        public var seconds: Double
        public var succeeded: Bool

        public init(name: String, seconds: Double, succeeded: Bool) {
            self.name = name
            self.seconds = seconds
            self.succeeded = succeeded
        }
    }

    public static func render(stages: [StageTiming], stats: StoreStats, now: Date, lastSuccess: Date?) -> String {
        var lines: [String] = []
        func metric(_ name: String, _ help: String, _ type: String, _ samples: [(String, Double)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for (labels, value) in samples {
                lines.append("\(name)\(labels.isEmpty ? "" : "{\(labels)}") \(format(value))")
            }
        }
        /// One sample per key of a count dictionary, labelled `label="key"`, in key order.
        func byLabel(_ label: String, _ counts: [String: Int]) -> [(String, Double)] {
            counts.sorted { $0.key < $1.key }.map { ("\(label)=\"\($0.key)\"", Double($0.value)) }
        }
        metric("chipwatch_stage_duration_seconds", "Wall time of each stage in the last run.", "gauge",
               stages.map { ("stage=\"\($0.name)\"", $0.seconds) })
        metric("chipwatch_stage_success", "1 if the stage exited 0 in the last run, else 0.", "gauge",
               stages.map { ("stage=\"\($0.name)\"", $0.succeeded ? 1 : 0) })
        if let fetch = stats.lastFetch {
            metric("chipwatch_fetch_feeds", "Feeds by outcome in the last fetch.", "gauge", [
                ("outcome=\"fetched\"", Double(fetch.fetched)), ("outcome=\"not_modified\"", Double(fetch.notModified)),
                ("outcome=\"unchanged\"", Double(fetch.unchanged)), ("outcome=\"failed\"", Double(fetch.failed)),
                ("outcome=\"not_due\"", Double(fetch.skippedNotDue)), ("outcome=\"deferred\"", Double(fetch.deferred)),
            ])
            metric("chipwatch_fetch_network_unreachable", "1 if no feed could be reached in the last fetch.", "gauge",
                   [("", fetch.networkUnreachable ? 1 : 0)])
        }
        metric("chipwatch_feeds_failing", "Feeds whose last attempt failed, by error class.", "gauge",
               byLabel("class", stats.feedsFailingByClass))
        metric("chipwatch_feeds_gone", "Feeds that answered 410 Gone.", "gauge", [("", Double(stats.feedsGone))])
        metric("chipwatch_documents", "Stored documents by parse state.", "gauge",
               byLabel("state", stats.documentsByState))
        metric("chipwatch_items", "Stored items.", "gauge", [("", Double(stats.items))])
        metric("chipwatch_items_to_extract", "Items waiting for the extract stage.", "gauge", [("", Double(stats.itemsToExtract))])
        metric("chipwatch_signals", "Stored signals by event kind.", "gauge",
               byLabel("event", stats.signalsByEvent))
        metric("chipwatch_stories", "Stories (near-duplicate items counted once).", "gauge", [("", Double(stats.stories))])
        metric("chipwatch_milestones", "Roadmap milestones by state.", "gauge",
               byLabel("state", stats.milestonesByState))
        metric("chipwatch_alerts_firing", "Alerts firing.", "gauge", [("", Double(stats.alertsFiring))])
        metric("chipwatch_outbox_depth", "Notices waiting for the notify stage, and deliveries waiting to be sent.", "gauge",
               [("", Double(stats.outboxDepth + (stats.deliveriesByState["pending"] ?? 0)))])
        metric("chipwatch_deliveries", "Deliveries by state (pending, sent, dead, collecting, digested).", "gauge",
               byLabel("state", stats.deliveriesByState))
        metric("chipwatch_dead_letters", "Deliveries that gave up (see chipwatch outbox --state dead).", "gauge",
               [("", Double(stats.deliveriesByState["dead"] ?? 0))])
        metric("chipwatch_last_run_timestamp_seconds", "When the last run ended.", "gauge",
               [("", now.timeIntervalSince1970)])
        if let lastSuccess {
            metric("chipwatch_last_success_timestamp_seconds", "When the last run whose stages all succeeded ended.",
                   "gauge", [("", lastSuccess.timeIntervalSince1970)])
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
