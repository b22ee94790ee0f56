import Foundation
internal import CCurl

/// One message to hand to an SMTP server.
public struct SMTPMessage: Sendable {
    /// smtp://host:port or smtps://host:port.
    public var url: String
    public var from: String
    public var to: [String]
    public var username: String?
    public var password: String?
    /// How TLS is used: required (STARTTLS or smtps), opportunistic, or not at all.
    public enum TLS: Sendable { case required, opportunistic, none }
    public var tls: TLS
    /// The whole RFC 5322 message, CRLF line ends.
    public var data: [UInt8]
    public var timeoutSeconds: Double

    public init(url: String, from: String, to: [String], username: String?, password: String?, tls: TLS, data: [UInt8],
                timeoutSeconds: Double) {
        self.url = url
        self.from = from
        self.to = to
        self.username = username
        self.password = password
        self.tls = tls
        self.data = data
        self.timeoutSeconds = timeoutSeconds
    }
}

/// Why a message was not accepted: the server's reply code when there was one (a 4xx reply
/// is temporary, a 5xx permanent) and libcurl's words, with credentials redacted.
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    public var replyCode: Int?
    public var message: String
    /// Connection, TLS and timeout failures, and 4xx replies, are worth retrying.
    public var temporary: Bool
    public var description: String { message }
}

/// Sends mail through libcurl's SMTP support (one easy handle, blocking).
public enum SMTPTransfer {
    /// Returns the server's final reply code (250 when accepted).
    public static func send(_ message: SMTPMessage) throws -> Int {
        CurlGlobal.initialize()
        guard let handle = curl_easy_init() else { throw SMTPError(replyCode: nil, message: "curl_easy_init failed", temporary: true) }
        defer { curl_easy_cleanup(handle) }
        var recipients: UnsafeMutablePointer<curl_slist>?
        defer { if let recipients { curl_slist_free_all(recipients) } }
        let reader = Reader(message.data)
        do {
            try check(cw_setopt_string(handle, CURLOPT_URL, message.url), "CURLOPT_URL")
            try check(cw_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"), "CURLOPT_PROTOCOLS_STR")
            try check(cw_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "CURLOPT_NOSIGNAL")
            try check(cw_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(min(message.timeoutSeconds, 10) * 1000)), "CURLOPT_CONNECTTIMEOUT_MS")
            try check(cw_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(message.timeoutSeconds * 1000)), "CURLOPT_TIMEOUT_MS")
            let tls: curl_usessl = switch message.tls {
            case .required: CURLUSESSL_ALL
            case .opportunistic: CURLUSESSL_TRY
            case .none: CURLUSESSL_NONE
            }
            try check(cw_setopt_long(handle, CURLOPT_USE_SSL, Int(tls.rawValue)), "CURLOPT_USE_SSL")
            try check(cw_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(message.from)>"), "CURLOPT_MAIL_FROM")
            for address in message.to { recipients = curl_slist_append(recipients, "<\(address)>") }
            try check(cw_setopt_pointer(handle, CURLOPT_MAIL_RCPT, UnsafeMutableRawPointer(recipients)), "CURLOPT_MAIL_RCPT")
            if let username = message.username { try check(cw_setopt_string(handle, CURLOPT_USERNAME, username), "CURLOPT_USERNAME") }
            if let password = message.password { try check(cw_setopt_string(handle, CURLOPT_PASSWORD, password), "CURLOPT_PASSWORD") }
            try check(cw_setopt_long(handle, CURLOPT_UPLOAD, 1), "CURLOPT_UPLOAD")
            try check(cw_setopt_read_callback(handle, readCallback), "CURLOPT_READFUNCTION")
            try check(cw_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(reader).toOpaque()), "CURLOPT_READDATA")
        } catch {
            throw SMTPError(replyCode: nil, message: "\(error)", temporary: false)
        }
        let code = withExtendedLifetime(reader) { curl_easy_perform(handle) }
        var reply = 0
        _ = cw_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        if code == CURLE_OK { return reply }
        let words = String(cString: curl_easy_strerror(code))
        let permanentReply = (500...599).contains(reply)
        let setupProblem = code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_URL_MALFORMAT || code == CURLE_LOGIN_DENIED
        throw SMTPError(replyCode: reply == 0 ? nil : reply,
                        message: "\(redactURL(message.url)): \(words)\(reply == 0 ? "" : " (server replied \(reply))")",
                        temporary: !permanentReply && !setupProblem)
    }

    /// Feeds the message to libcurl's read callback.
    final class Reader {
        let data: [UInt8]
        var offset = 0
        init(_ data: [UInt8]) { self.data = data }
    }
}

private let readCallback: cw_read_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let reader = Unmanaged<SMTPTransfer.Reader>.fromOpaque(userdata).takeUnretainedValue()
    let n = min(size * count, reader.data.count - reader.offset)
    if n > 0 {
        reader.data.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + reader.offset, byteCount: n)
        }
        reader.offset += n
    }
    return n
}
