import Foundation
import XML

/// Decides how the bytes of a feed are to be read: byte-order marks, the HTTP charset, the
/// XML declaration, and the common mislabellings (a feed declared or assumed UTF-8 that is
/// really Windows-1252, or GB2312/GBK; ISO-8859-1 read as Windows-1252 as browsers do).
enum EncodingSniffer {
    struct Decision {
        var bytes: [UInt8]
        /// An encoding that overrides the document's declaration, or nil to let libxml2 follow it.
        var override: String?
        /// UTF-8 was assumed without checking the bytes (see `decide`).
        var unchecked = false
    }

    /// With `checkUTF8: false`, bytes declared (or assumed) UTF-8 are taken at their word:
    /// checking every byte of every feed costs more than parsing a mislabelled one twice,
    /// and libxml2 reports bytes that are not UTF-8 anyway (`XMLParseReport.invalidCharacters`),
    /// after which the caller decides again with the check.
    static func decide(_ bytes: [UInt8], contentType: String?, checkUTF8: Bool = true) -> Decision {
        // UTF-16/32 byte-order marks, and `<` in UTF-16: libxml2 detects these itself.
        let b0 = bytes.count > 0 ? bytes[0] : 1, b1 = bytes.count > 1 ? bytes[1] : 1
        let b2 = bytes.count > 2 ? bytes[2] : 1, b3 = bytes.count > 3 ? bytes[3] : 1
        if (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) || (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF)
            || (b0 == 0x3C && b1 == 0) || (b0 == 0 && b1 == 0x3C) {
            return Decision(bytes: bytes, override: nil)
        }
        let body = b0 == 0xEF && b1 == 0xBB && b2 == 0xBF ? Array(bytes.dropFirst(3)) : bytes
        let inDocument = declaredEncoding(body)
        let declared = normalise(httpCharset(contentType) ?? inDocument)
        switch declared {
        case nil, _? where isUTF8Name(declared):
            // Switching libxml2 to UTF-8 costs a copy of every byte: only when the document
            // itself says something else (the HTTP charset overrides it).
            let override = declared == nil || isUTF8Name(normalise(inDocument)) ? nil : "UTF-8"
            if !checkUTF8 { return Decision(bytes: body, override: override, unchecked: true) }
            if isValidUTF8(body) { return Decision(bytes: body, override: override) }
            return Decision(bytes: body, override: looksLikeGBK(body) ? "GB18030" : "WINDOWS-1252")
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1":
            return Decision(bytes: body, override: "WINDOWS-1252")
        case "gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936":
            return Decision(bytes: body, override: "GB18030")
        case let other? where SAXParser.knowsEncoding(other):
            return Decision(bytes: body, override: other.uppercased())
        case _?:
            // A name nobody knows ("bogus"): read the bytes as what they look like.
            return Decision(bytes: body, override: isValidUTF8(body) ? "UTF-8" : (looksLikeGBK(body) ? "GB18030" : "WINDOWS-1252"))
        }
    }

    /// Whether a normalised encoding name means UTF-8 (ASCII is a subset).
    static func isUTF8Name(_ name: String?) -> Bool {
        name == nil || name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii"
    }

    /// An encoding name without quotes or surrounding spaces, lower case.
    static func normalise(_ name: String?) -> String? {
        guard let name else { return nil }
        var bytes = Array(name.utf8)
        while let last = bytes.last, isQuoteOrSpace(last) { bytes.removeLast() }
        let start = bytes.firstIndex { !isQuoteOrSpace($0) } ?? bytes.count
        return String(decoding: bytes[start...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private static func isQuoteOrSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x22 || b == 0x27 }

    /// `charset=` of a Content-Type, when given.
    static func httpCharset(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            if pair.count == 2, normalise(String(pair[0])) == "charset" {
                let value = normalise(String(pair[1])) ?? ""
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// The `encoding` of an ASCII-compatible XML declaration, read from its bytes.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            // "<?xml" then, before the first ">", "encoding", "=", a quoted name.
            guard buffer.count > 5, buffer[0] == 0x3C, buffer[1] == 0x3F, buffer[2] == 0x78, buffer[3] == 0x6D,
                  buffer[4] == 0x6C else { return nil }
            let head = UnsafeBufferPointer(rebasing: buffer.prefix(200))
            guard let end = head.firstIndex(of: 0x3E) else { return nil }
            let keyword: [UInt8] = Array("encoding".utf8)
            var at = 5
            while at + keyword.count <= end, !keyword.indices.allSatisfy({ head[at + $0] == keyword[$0] }) { at += 1 }
            guard at + keyword.count <= end else { return nil }
            var k = at + keyword.count
            while k < end, head[k] == 0x20 || head[k] == 0x3D || head[k] == 0x09 { k += 1 }
            guard k < end, head[k] == 0x22 || head[k] == 0x27 else { return nil }
            let quote = head[k]
            var close = k + 1
            while close < end, head[close] != quote { close += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: head[(k + 1)..<close]), as: UTF8.self)
        }
    }

    /// Whether `bytes` are valid UTF-8. Feeds are mostly ASCII: 32 (then 8) bytes at a time
    /// are checked for a high bit, and only the non-ASCII stretches are decoded.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let n = raw.count
            var i = 0
            let high: UInt64 = 0x8080_8080_8080_8080
            while i < n {
                if i + 32 <= n {
                    let words = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                        | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                        | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                    if words & high == 0 {
                        i += 32
                        continue
                    }
                }
                if i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & high == 0 {
                    i += 8
                    continue
                }
                let lead = raw[i]
                if lead < 0x80 {
                    i += 1
                    continue
                }
                let length: Int, minimum: UInt32
                switch lead {
                case 0xC2...0xDF: (length, minimum) = (2, 0x80)
                case 0xE0...0xEF: (length, minimum) = (3, 0x800)
                case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
                default: return false
                }
                guard i + length <= n else { return false }
                var scalar = UInt32(lead) & (0xFF >> (length + 1))
                for k in 1..<length {
                    let b = raw[i + k]
                    guard b & 0xC0 == 0x80 else { return false }
                    scalar = scalar << 6 | UInt32(b & 0x3F)
                }
                // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
                guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return false }
                i += length
            }
            return true
        }
    }

    /// Whether every non-ASCII byte pairs up as a GBK/GB18030 lead and trail byte, and
    /// there are enough of them to tell.
    static func looksLikeGBK(_ bytes: [UInt8]) -> Bool {
        var i = 0, pairs = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard b >= 0x81 && b <= 0xFE, i + 1 < bytes.count else { return false }
            let t = bytes[i + 1]
            guard (t >= 0x40 && t <= 0xFE && t != 0x7F) else { return false }
            pairs += 1
            i += 2
        }
        return pairs >= 2
    }
}
