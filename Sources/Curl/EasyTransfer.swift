import Foundation
internal import CCurl
import Core

/// One libcurl easy handle and everything C points at while it runs: the body buffer,
/// the header list and the flags the callbacks set. Lives on one thread; freed in deinit.
final class EasyTransfer {
    let handle: UnsafeMutableRawPointer
    let index: Int
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let maxBody: Int
    private let allowPrivate: Bool

    private(set) var body: [UInt8] = []
    private(set) var headers: [(name: String, value: String)] = []
    private(set) var redirectStatuses: [Int] = []
    private var currentStatus: Int?
    /// Set by the callbacks so a generic libcurl error can be told apart.
    private(set) var tooLarge = false
    private(set) var refusedAddress = false
    /// When the transfer was started, and whether the server has sent anything since: a
    /// transfer that stays silent stops holding a slot in its batch (see `TransferBatch`).
    let started = ContinuousClock.now
    private(set) var answered = false

    init(request: HTTPRequest, index: Int, limits: TransferLimits) throws {
        guard let handle = curl_easy_init() else { throw CurlSetupError(what: "curl_easy_init", code: -1) }
        self.handle = handle
        self.index = index
        self.maxBody = limits.maxBodyBytes
        self.allowPrivate = limits.allowPrivateNetworks
        try configure(request, limits)
    }

    deinit {
        curl_easy_cleanup(handle)
        if let headerList { curl_slist_free_all(headerList) }
    }

    private func configure(_ request: HTTPRequest, _ limits: TransferLimits) throws {
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(cw_setopt_string(handle, CURLOPT_URL, request.url), "CURLOPT_URL")
        // Only http and https, on the first request and on every redirect (no file://).
        try check(cw_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "CURLOPT_PROTOCOLS_STR")
        try check(cw_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "CURLOPT_REDIR_PROTOCOLS_STR")
        try check(cw_setopt_long(handle, CURLOPT_FOLLOWLOCATION, limits.followRedirects ? 1 : 0), "CURLOPT_FOLLOWLOCATION")
        try check(cw_setopt_long(handle, CURLOPT_MAXREDIRS, limits.maxRedirects), "CURLOPT_MAXREDIRS")
        // Signals are not safe with several threads; timeouts then rely on the threaded resolver.
        try check(cw_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "CURLOPT_NOSIGNAL")
        try check(cw_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(limits.connectTimeoutSeconds * 1000)), "CURLOPT_CONNECTTIMEOUT_MS")
        try check(cw_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(limits.timeoutSeconds * 1000)), "CURLOPT_TIMEOUT_MS")
        // A server trickling bytes is cut off well before the total timeout.
        try check(cw_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedBytesPerSecond), "CURLOPT_LOW_SPEED_LIMIT")
        try check(cw_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Int(limits.lowSpeedSeconds))), "CURLOPT_LOW_SPEED_TIME")
        // Refuses early when Content-Length is known; the write callback covers the rest.
        try check(cw_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBodyBytes)), "CURLOPT_MAXFILESIZE_LARGE")
        // "" offers every encoding this libcurl decodes (gzip, deflate, br, zstd on Debian 12).
        try check(cw_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""), "CURLOPT_ACCEPT_ENCODING")
        try check(cw_setopt_string(handle, CURLOPT_USERAGENT, limits.userAgent), "CURLOPT_USERAGENT")
        try check(cw_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, writeCallback), "CURLOPT_WRITEFUNCTION")
        try check(cw_setopt_pointer(handle, CURLOPT_WRITEDATA, me), "CURLOPT_WRITEDATA")
        try check(cw_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, headerCallback), "CURLOPT_HEADERFUNCTION")
        try check(cw_setopt_pointer(handle, CURLOPT_HEADERDATA, me), "CURLOPT_HEADERDATA")
        try check(cw_setopt_opensocket(handle, openSocketCallback), "CURLOPT_OPENSOCKETFUNCTION")
        try check(cw_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, me), "CURLOPT_OPENSOCKETDATA")
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        if let headerList {
            try check(cw_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList)), "CURLOPT_HTTPHEADER")
        }
        if let body = request.body {
            try check(cw_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "CURLOPT_POSTFIELDSIZE_LARGE")
            // COPYPOSTFIELDS copies the bytes, so the Swift array need not outlive the call.
            try body.withUnsafeBufferPointer { buffer in
                let raw = UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                try check(cw_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, raw), "CURLOPT_COPYPOSTFIELDS")
            }
        }
    }

    /// Called by libcurl with each piece of the decoded body; returning less than `count`
    /// aborts the transfer, which is how the cap holds for chunked and compressed bodies.
    fileprivate func receive(_ data: UnsafePointer<CChar>, _ count: Int) -> Int {
        if body.count + count > maxBody {
            tooLarge = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: count) {
            body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
        }
        return count
    }

    /// Called once per header line, status lines included; each new status line starts the
    /// headers of the next response in a redirect chain.
    fileprivate func receiveHeader(_ data: UnsafePointer<CChar>, _ count: Int) -> Int {
        let line = data.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }.trimmingCharacters(in: .whitespacesAndNewlines)
        answered = true
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            let status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            if status >= 200 {
                if let previous = currentStatus { redirectStatuses.append(previous) }
                currentStatus = status
                headers = []
                body = []
            }
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name: name, value: value))
        }
        return count
    }

    /// Called before each connect with the resolved address: the private-network guard.
    fileprivate func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let family = address.pointee.family
        if !allowPrivate {
            let raw = UnsafeRawPointer(address) + MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr)!
            let restricted: Bool
            if family == AF_INET {
                // sockaddr_in: family(2) port(2) addr(4)
                restricted = AddressPolicy.isRestricted(ipv4: Array(UnsafeRawBufferPointer(start: raw + 4, count: 4)))
            } else if family == AF_INET6 {
                // sockaddr_in6: family(2) port(2) flowinfo(4) addr(16)
                restricted = AddressPolicy.isRestricted(ipv6: Array(UnsafeRawBufferPointer(start: raw + 8, count: 16)))
            } else {
                restricted = true
            }
            if restricted {
                refusedAddress = true
                return cw_socket_bad()
            }
        }
        return socket(family, address.pointee.socktype, address.pointee.protocol)
    }

    /// Collects the outcome once libcurl reports the transfer done.
    func finish(_ code: CURLcode) -> Result<HTTPResponse, TransferError> {
        var seconds = 0.0
        var totalMicros: curl_off_t = 0
        if cw_getinfo_off(handle, CURLINFO_TOTAL_TIME_T, &totalMicros) == CURLE_OK {
            seconds = Double(totalMicros) / 1_000_000
        }
        var urlPointer: UnsafeMutablePointer<CChar>?
        _ = cw_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &urlPointer)
        let effective = urlPointer.map { String(cString: $0) } ?? ""
        guard code == CURLE_OK else {
            let kind = classify(code, refusedAddress: refusedAddress, tooLarge: tooLarge,
                                redirected: !redirectStatuses.isEmpty || currentStatus.map { (300..<400).contains($0) } == true)
            let reason = String(cString: curl_easy_strerror(code))
            let detail: String
            switch kind {
            case .tooLarge: detail = "body larger than \(maxBody) bytes"
            case .refusedAddress: detail = "refused to connect to a loopback, private or link-local address"
            default: detail = reason
            }
            return .failure(TransferError(kind: kind, message: "\(redactURL(effective)): \(detail)", code: Int(code.rawValue)))
        }
        var status = 0
        _ = cw_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: headers, body: body, effectiveURL: effective,
                                     redirectStatuses: redirectStatuses, totalSeconds: seconds))
    }
}

private func transfer(_ userdata: UnsafeMutableRawPointer?) -> EasyTransfer {
    Unmanaged<EasyTransfer>.fromOpaque(userdata!).takeUnretainedValue()
}

private let writeCallback: cw_data_callback = { data, size, count, userdata in
    guard let data else { return 0 }
    return transfer(userdata).receive(data, size * count)
}

private let headerCallback: cw_data_callback = { data, size, count, userdata in
    guard let data else { return 0 }
    return transfer(userdata).receiveHeader(data, size * count)
}

private let openSocketCallback: cw_opensocket_callback = { userdata, _, address in
    guard let address else { return cw_socket_bad() }
    return transfer(userdata).openSocket(address)
}
