import Core
import Foundation

/// A small HTTP/1.1 file server on 127.0.0.1 for the demo: serves one folder with ETag
/// and Last-Modified, and answers conditional requests with 304, like a real feed host.
/// Not for production: one thread per connection, GET and HEAD only, no keep-alive.
final class StaticServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let root: String

    /// Binds an ephemeral port on loopback and starts accepting on a background thread.
    init(root: String) throws {
        self.root = root
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw ServerError("bind: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { if errno == EINTR { continue } else { return } }
            Thread.detachNewThread { [self] in handle(client) }
        }
    }

    private func handle(_ client: Int32) {
        defer { close(client) }
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 65536 {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { return }
            request += buffer[0..<n]
            if request.count >= 4 && request.suffix(4) == [13, 10, 13, 10] { break }
        }
        let lines = String(decoding: request, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2, parts[0] == "GET" || parts[0] == "HEAD" else { return respond(client, 405, [:], []) }
        let name = String(parts[1].split(separator: "?").first ?? "").removingPercentEncoding ?? ""
        let file = (root as NSString).appendingPathComponent(name)
        guard !name.contains(".."), let data = FileManager.default.contents(atPath: file) else {
            return respond(client, 404, [:], Array("not found\n".utf8))
        }
        let etag = "\"\(ContentHash.sha256Hex(data).prefix(16))\""
        let ifNoneMatch = lines.first { $0.lowercased().hasPrefix("if-none-match:") }
            .map { String($0.dropFirst("if-none-match:".count)).trimmingCharacters(in: .whitespaces) }
        var headers = ["ETag": etag, "Content-Type": contentType(name)]
        if let attributes = try? FileManager.default.attributesOfItem(atPath: file),
           let modified = attributes[.modificationDate] as? Date {
            headers["Last-Modified"] = httpDate(modified)
        }
        if ifNoneMatch == etag { return respond(client, 304, headers, []) }
        respond(client, 200, headers, parts[0] == "HEAD" ? [] : [UInt8](data))
    }

    private func respond(_ client: Int32, _ status: Int, _ headers: [String: String], _ body: [UInt8]) {
        let reason = [200: "OK", 304: "Not Modified", 404: "Not Found", 405: "Method Not Allowed"][status] ?? "Status"
        var head = "HTTP/1.1 \(status) \(reason)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            sent += n
        }
    }

    private func contentType(_ name: String) -> String {
        if name.hasSuffix(".atom") { return "application/atom+xml; charset=utf-8" }
        if name.hasSuffix(".json") { return "application/feed+json" }
        return "application/rss+xml; charset=utf-8"
    }

    private func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = "demo server: \(description)" }
}
