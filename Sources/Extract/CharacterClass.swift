/// Character tests with an ASCII fast path: Unicode property lookups cost more than the rest
/// of the extractor put together (measured with perf on the benchmark), and news is mostly ASCII.
enum CharacterClass {
    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? (c.value >= 0x30 && c.value <= 0x39) : c.properties.numericType != nil
    }

    @inline(__always) static func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return (v >= 0x30 && v <= 0x39) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A) }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }

    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return v | 0x20 >= 0x61 && v | 0x20 <= 0x7A }
        return c.properties.isAlphabetic
    }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return c.properties.isWhitespace
    }

    @inline(__always) static func isUpper(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return v >= 0x41 && v <= 0x5A }
        return c.properties.isUppercase
    }

    @inline(__always) static func isLower(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return v >= 0x61 && v <= 0x7A }
        return c.properties.isLowercase
    }
}

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared as UTF-8 bytes. The extractor's Chinese checks
    /// search short strings many times an item; plain `contains` here resolves to Foundation's
    /// (another file of the module imports it), which bridges on every call: 2% of the extract
    /// benchmark (perf, 2026-12-07).
    func includes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern in
            if let found = utf8.withContiguousStorageIfAvailable({ StringSearch.find(pattern, in: $0) }) { return found }
            return Array(utf8).withUnsafeBufferPointer { StringSearch.find(pattern, in: $0) }
        }
    }
}

enum StringSearch {
    /// Naive byte search: the strings searched are a few dozen bytes.
    static func find(_ pattern: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !pattern.isEmpty else { return true }
        guard hay.count >= pattern.count else { return false }
        for start in 0...(hay.count - pattern.count) where hay[start] == pattern[0] {
            var i = 1
            while i < pattern.count, hay[start + i] == pattern[i] { i += 1 }
            if i == pattern.count { return true }
        }
        return false
    }
}

extension String {
    /// The text of some code points, UTF-8 encoded straight into the string's storage: building
    /// a String scalar by scalar (`String.UnicodeScalarView`) was a tenth of the extractor's time.
    init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var n = 0
            for scalar in scalars {
                let v = scalar.value
                if v < 0x80 {
                    buffer[n] = UInt8(v)
                    n += 1
                } else {
                    UTF8.encode(scalar) { unit in buffer[n] = unit; n += 1 }
                }
            }
            return n
        }
    }
}
