internal import CCurl
import Core

/// Runs many transfers at once on the calling thread with libcurl's multi interface,
/// at most `concurrency` in flight and at most `perHost` to one host.
///
/// A source that accepts the connection and then says nothing must not hold up the rest: a
/// transfer silent for a tenth of its timeout (or `connectTimeoutSeconds`, if shorter) stops
/// counting against both limits and keeps running until its own timeout, so hanging sources
/// cost their timeout once, side by side, not one after another. At most `perHost` such
/// silent transfers per host (a host never sees more than twice its limit) and
/// `4 × concurrency` in all.
public enum TransferBatch {
    /// Performs `requests` and calls `onComplete` with each one's index and result as it
    /// finishes (not in request order). With a `deadline` (seconds from the start), the
    /// transfers still running then end: one silent since it started, for at least the time
    /// after which a silent transfer gives its slot up, as a timeout; one that has answered, or
    /// started too late to be silent that long, is returned with those never started, for a
    /// later run (a late start is not the source's fault). Throws only when libcurl itself
    /// cannot be set up.
    @discardableResult
    public static func perform(_ requests: [HTTPRequest], limits: TransferLimits,
                               concurrency: Int, perHost: Int, deadline: Double? = nil,
                               onComplete: (Int, Result<HTTPResponse, TransferError>) -> Void) throws -> [Int] {
        CurlGlobal.initialize()
        guard let multi = curl_multi_init() else { throw CurlSetupError(what: "curl_multi_init", code: -1) }
        defer { curl_multi_cleanup(multi) }
        let slots = max(1, concurrency), hostSlots = max(1, perHost)
        // libcurl's own per-host cap would queue a transfer this batch has let go past the
        // limit; the batch enforces `perHost` itself.
        try check(cw_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, hostSlots + 4 * slots), "CURLMOPT_MAX_HOST_CONNECTIONS")
        let started = ContinuousClock.now
        let end = deadline.map { started + .milliseconds(Int($0 * 1000)) }
        let silentAfter = Duration.milliseconds(Int(min(limits.connectTimeoutSeconds, limits.timeoutSeconds / 10) * 1000))

        var waiting = Array(requests.indices)
        var active: [UnsafeMutableRawPointer: EasyTransfer] = [:]
        /// Transfers holding a slot: started, and either answering or not yet silent for long.
        var holding: Set<UnsafeMutableRawPointer> = []
        var perHostHolding: [String: Int] = [:]
        var perHostReleased: [String: Int] = [:]
        func host(_ transfer: EasyTransfer) -> String { URLHost.of(requests[transfer.index].url) }
        func release(_ transfer: EasyTransfer) {
            if holding.remove(transfer.handle) != nil {
                perHostHolding[host(transfer), default: 1] -= 1
                perHostReleased[host(transfer), default: 0] += 1
            }
        }
        func finished(_ transfer: EasyTransfer) {
            if holding.remove(transfer.handle) != nil { perHostHolding[host(transfer), default: 1] -= 1 } else {
                perHostReleased[host(transfer), default: 1] -= 1
            }
        }

        // Silent transfers give their slot up; then waiting ones start while slots are free.
        func fill() {
            let now = ContinuousClock.now
            for transfer in active.values where holding.contains(transfer.handle)
                && !transfer.answered && now - transfer.started >= silentAfter
                && active.count - holding.count < 4 * slots && perHostReleased[host(transfer), default: 0] < hostSlots {
                release(transfer)
            }
            var index = 0
            while index < waiting.count && holding.count < slots {
                let requestIndex = waiting[index]
                let host = URLHost.of(requests[requestIndex].url)
                if perHostHolding[host, default: 0] >= hostSlots {
                    index += 1
                    continue
                }
                waiting.remove(at: index)
                do {
                    let transfer = try EasyTransfer(request: requests[requestIndex], index: requestIndex, limits: limits)
                    try check(curl_multi_add_handle(multi, transfer.handle), "curl_multi_add_handle")
                    active[transfer.handle] = transfer
                    holding.insert(transfer.handle)
                    perHostHolding[host, default: 0] += 1
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
                finished(transfer)
                onComplete(transfer.index, transfer.finish(code))
            }
            if let end, ContinuousClock.now >= end {
                let now = ContinuousClock.now
                var cut: [Int] = []
                for transfer in active.values.sorted(by: { $0.index < $1.index }) {
                    curl_multi_remove_handle(multi, transfer.handle)
                    // Only a source silent for as long as it takes to give a slot up is blamed; one
                    // that answers, or started too late to show either way, waits for the next run.
                    guard !transfer.answered, now - transfer.started >= silentAfter else { cut.append(transfer.index); continue }
                    onComplete(transfer.index, .failure(TransferError(
                        kind: .timeout, message: "\(redactURL(requests[transfer.index].url)): no answer before the run's deadline of \(Self.seconds(deadline ?? 0))", code: -1)))
                }
                active.removeAll()
                return (cut + waiting).sorted()
            }
            fill()
            if !active.isEmpty {
                // Wakes for the deadline and for the next silent transfer to give its slot up.
                let now = ContinuousClock.now
                var next = now + .seconds(1)
                if let end { next = min(next, end) }
                for transfer in active.values where holding.contains(transfer.handle) && !transfer.answered
                    && transfer.started + silentAfter > now {
                    next = min(next, transfer.started + silentAfter)
                }
                let wait = max(1, Int((next - now) / .milliseconds(1)) + 1)
                try check(curl_multi_poll(multi, nil, 0, Int32(min(wait, 1000)), nil), "curl_multi_poll")
            }
        }
        return waiting
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
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
