import Core
import Curl
import Foundation

/// Reads a secret from where the configuration says it is. The value never goes into logs,
/// the store or error messages.
public enum Secrets {
    public static func read(_ source: SecretSource, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        switch source {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else { throw SecretError("environment variable \(name) is not set") }
            return value
        case .file(let path):
            return try file(path)
        case .credential(let name):
            guard let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty else {
                throw SecretError("credential \(name): $CREDENTIALS_DIRECTORY is not set (systemd's LoadCredential= sets it)")
            }
            return try file((directory as NSString).appendingPathComponent(name))
        }
    }

    private static func file(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SecretError("cannot read \(path)")
        }
        // A trailing newline from `echo secret > file` is not part of the secret.
        return text.trimmingCharacters(in: .newlines)
    }
}

public struct SecretError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// A URL fit for logs and the store: scheme, host and port only (a Slack hook's path is its
/// secret; credentials may sit before the host).
public func redactedReceiverURL(_ url: String) -> String {
    guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else {
        return "(unreadable URL)"
    }
    return "\(scheme)://\(host)\(components.port.map { ":\($0)" } ?? "")/…"
}

/// What one send came to, before the retry policy decides.
enum SendResult {
    case ok(code: Int?)
    /// Worth retrying (timeouts, connection errors, 429, 5xx, SMTP 4xx), maybe after Retry-After.
    case temporary(code: Int?, error: String, retryAfter: Double?)
    /// Other 4xx, SMTP 5xx, bad configuration.
    case permanent(code: Int?, error: String)
}

enum Senders {
    static func webhook(_ hook: Receiver.Webhook, key: String, entries: [NoticeEntry], receiver: String, now: Date,
                        timeout: Double) -> SendResult {
        let body = hook.format == .slack ? Payload.slack(entries) : Payload.body(key: key, receiver: receiver, entries: entries)
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"),
                                                        ("X-Chipwatch-Delivery", key)]
        if hook.format == .chipwatch {
            let timestamp = Int(now.timeIntervalSince1970)
            headers.append(("X-Chipwatch-Timestamp", String(timestamp)))
            if let source = hook.secret {
                do {
                    let secret = try Secrets.read(source)
                    headers.append(("X-Chipwatch-Signature", Payload.signature(secret: secret, timestamp: timestamp, body: body)))
                } catch {
                    return .temporary(code: nil, error: "\(receiver): the signing secret (\(source.description)): \(error)", retryAfter: nil)
                }
            }
        }
        var limits = TransferLimits()
        limits.timeoutSeconds = timeout
        limits.connectTimeoutSeconds = min(timeout, 10)
        limits.followRedirects = false
        // Receivers are the operator's own configuration, often on an internal network.
        limits.allowPrivateNetworks = true
        limits.maxBodyBytes = 1 << 20
        limits.userAgent = "chipwatch/\(ChipwatchVersion.current)"
        var result: SendResult = .temporary(code: nil, error: "\(receiver): no response", retryAfter: nil)
        let target = redactedReceiverURL(hook.url)
        do {
            try TransferBatch.perform([HTTPRequest(url: hook.url, headers: headers, body: body)], limits: limits,
                                      concurrency: 1, perHost: 1) { _, outcome in
                switch outcome {
                case .failure(let error):
                    result = .temporary(code: nil, error: "\(receiver) \(target): \(error.kind.rawValue): \(redact(error.message, hook.url))",
                                        retryAfter: nil)
                case .success(let response):
                    let code = response.status
                    if (200...299).contains(code) {
                        result = .ok(code: code)
                    } else if code == 429 || (500...599).contains(code) {
                        result = .temporary(code: code, error: "\(receiver) \(target): HTTP \(code)",
                                            retryAfter: Backoff.retryAfterSeconds(response.header("retry-after"), now: now))
                    } else {
                        result = .permanent(code: code, error: "\(receiver) \(target): HTTP \(code)")
                    }
                }
            }
        } catch {
            result = .temporary(code: nil, error: "\(receiver): \(error)", retryAfter: nil)
        }
        return result
    }

    static func email(_ mail: Receiver.Email, key: String, entries: [NoticeEntry], receiver: String, now: Date,
                      timeout: Double) -> SendResult {
        var password: String? = nil
        if let source = mail.password {
            do { password = try Secrets.read(source) } catch {
                return .temporary(code: nil, error: "\(receiver): the SMTP password (\(source.description)): \(error)", retryAfter: nil)
            }
        }
        let host = URLComponents(string: mail.url)?.host ?? ""
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        let tls: SMTPMessage.TLS = !mail.tlsRequired ? .none : loopback ? .opportunistic : .required
        let data = MailMessage.render(key: key, from: mail.from, to: mail.to, entries: entries, now: now)
        let message = SMTPMessage(url: mail.url, from: mail.from, to: mail.to, username: mail.username, password: password,
                                  tls: tls, data: data, timeoutSeconds: timeout)
        do {
            let code = try SMTPTransfer.send(message)
            return .ok(code: code)
        } catch let error as SMTPError {
            let text = "\(receiver): \(redact(error.message, mail.url))"
            return error.temporary ? .temporary(code: error.replyCode, error: text, retryAfter: nil)
                : .permanent(code: error.replyCode, error: text)
        } catch {
            return .temporary(code: nil, error: "\(receiver): \(error)", retryAfter: nil)
        }
    }

    static func log(path: String, key: String, entries: [NoticeEntry], receiver: String) -> SendResult {
        var line = Payload.body(key: key, receiver: receiver, entries: entries)
        line.append(0x0A)
        if path == "-" {
            FileHandle.standardOutput.write(Data(line))
            return .ok(code: nil)
        }
        guard FileManager.default.fileExists(atPath: path) || FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            return .temporary(code: nil, error: "\(receiver): cannot open \(path) for appending", retryAfter: nil)
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
            return .ok(code: nil)
        } catch {
            return .temporary(code: nil, error: "\(receiver): cannot write \(path): \(error.localizedDescription)", retryAfter: nil)
        }
    }

    /// libcurl's messages may quote the URL: never let its path or credentials through.
    static func redact(_ message: String, _ url: String) -> String {
        message.replacingOccurrences(of: url, with: redactedReceiverURL(url))
            .replacingOccurrences(of: redactURL(url), with: redactedReceiverURL(url))
    }
}
