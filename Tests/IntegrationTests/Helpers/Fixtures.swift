import Core
import Foundation
import Store

extension Store {
    /// Records `body` as a document of `feedID` fetched at `at`, exactly as the fetch stage
    /// would (a 200 with its content hash in the feed's health), for the parse stage to find.
    func recordFetched(_ feedID: String, _ body: String, at: Date) throws {
        let document = RawDocument(feedID: feedID, url: "https://\(feedID).example/feed", finalURL: "https://\(feedID).example/feed",
                                   status: 200, contentType: "application/rss+xml", etag: nil, lastModified: nil,
                                   fetchedAt: at, body: Array(body.utf8))
        var health = FeedHealth(feedID: feedID, url: document.url)
        health.lastContentHash = document.contentHash
        try record(FetchOutcome(feedID: feedID, result: .fetched(document), health: health, durationSeconds: 0))
    }
}

extension LoopbackServer {
    /// The demo's `feeds/samples/feeds.yaml` with its feeds pointed at this server's `/files`.
    func sampleFeedsYAML() throws -> String {
        try String(contentsOfFile: CLI.repositoryRoot + "/feeds/samples/feeds.yaml", encoding: .utf8)
            .replacingOccurrences(of: "${BASE}", with: url("/files"))
    }
}
