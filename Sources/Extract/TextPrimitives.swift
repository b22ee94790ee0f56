/// String helpers the extractor uses in place of standard ones on its hot paths (each tested
/// against the standard one in Tests/ExtractTests/TextPrimitivesTests.swift).

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared as UTF-8 bytes. The extractor's Chinese checks
    /// search short strings many times an item; plain `contains` here resolves to Foundation's
    /// (another file of the module imports it), which bridges on every call: 2% of the extract
    /// benchmark (perf, 2026-12-07).
    func includes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern in
            if let found = utf8.withContiguousStorageIfAvailable({ occurs(pattern, in: $0) }) { return found }
            return Array(utf8).withUnsafeBufferPointer { occurs(pattern, in: $0) }
        }
    }
}

/// Naive byte search: the strings searched are a few dozen bytes.
private func occurs(_ pattern: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !pattern.isEmpty else { return true }
    guard hay.count >= pattern.count else { return false }
    for start in 0...(hay.count - pattern.count) where hay[start] == pattern[0] {
        var i = 1
        while i < pattern.count, hay[start + i] == pattern[i] { i += 1 }
        if i == pattern.count { return true }
    }
    return false
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
