internal import CCurl
import Core

/// Runs many transfers at once on the calling thread with libcurl's multi interface,
/// at most `concurrency` in flight and at most `perHost` to one host.
public enum TransferBatch {
    /// Performs `requests` and calls `onComplete` with each one's index and result as it
    /// finishes (not in request order). Throws only when libcurl itself cannot be set up.
    public static func perform(_ requests: [HTTPRequest], limits: TransferLimits,
                               concurrency: Int, perHost: Int,
                               onComplete: (Int, Result<HTTPResponse, TransferError>) -> Void) throws {
        CurlGlobal.initialize()
        guard let multi = curl_multi_init() else { throw CurlSetupError(what: "curl_multi_init", code: -1) }
        defer { curl_multi_cleanup(multi) }
        try check(cw_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, perHost)), "CURLMOPT_MAX_HOST_CONNECTIONS")

        var waiting = Array(requests.indices)
        var active: [UnsafeMutableRawPointer: EasyTransfer] = [:]
        var perHostActive: [String: Int] = [:]

        // Starts waiting transfers while slots are free, skipping hosts at their limit.
        func fill() {
            var index = 0
            while index < waiting.count && active.count < max(1, concurrency) {
                let requestIndex = waiting[index]
                let host = URLHost.of(requests[requestIndex].url)
                if perHostActive[host, default: 0] >= max(1, perHost) {
                    index += 1
                    continue
                }
                waiting.remove(at: index)
                do {
                    let transfer = try EasyTransfer(request: requests[requestIndex], index: requestIndex, limits: limits)
                    try check(curl_multi_add_handle(multi, transfer.handle), "curl_multi_add_handle")
                    active[transfer.handle] = transfer
                    perHostActive[host, default: 0] += 1
                } catch {
                    onComplete(requestIndex, .failure(TransferError(kind: .other, message: "\(error)", code: -1)))
                }
            }
        }

        fill()
        var running: Int32 = 0
        while !active.isEmpty {
            try check(curl_multi_perform(multi, &running), "curl_multi_perform")
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let transfer = active.removeValue(forKey: easy) else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                perHostActive[URLHost.of(requests[transfer.index].url), default: 1] -= 1
                onComplete(transfer.index, transfer.finish(code))
            }
            fill()
            if !active.isEmpty {
                try check(curl_multi_poll(multi, nil, 0, 1000, nil), "curl_multi_poll")
            }
        }
    }
}

/// libcurl's global state, set up once per process before any handle exists.
enum CurlGlobal {
    private static let once: Void = { _ = curl_global_init(Int(CURL_GLOBAL_ALL)) }()
    static func initialize() { _ = once }
}

/// The host part of a URL, lower-cased, for per-host limits.
enum URLHost {
    static func of(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return "" }
        let rest = url[scheme.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<end]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return authority.lowercased()
    }
}
