import Core
import Foundation
import Store

extension LoopbackServer {
    /// The demo's `feeds/samples/feeds.yaml` with its feeds pointed at this server's `/files`.
    func sampleFeedsYAML() throws -> String {
        try String(contentsOfFile: CLI.repositoryRoot + "/feeds/samples/feeds.yaml", encoding: .utf8)
            .replacingOccurrences(of: "${BASE}", with: url("/files"))
    }
}
