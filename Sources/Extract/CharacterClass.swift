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
