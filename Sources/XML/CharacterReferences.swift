/// Decodes XML character references (`&#38;`, `&#x26;`) and the five predefined entities.
/// Anything else that starts with `&` is kept as written.
public enum CharacterReferences {
    static let predefined: [Substring: Character] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]

    public static func decode(_ text: String) -> String {
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semi]
            if let ch = decodeOne(name) {
                out.append(ch)
            } else {
                out += "&" + name + ";"
            }
            rest = after[after.index(after: semi)...]
        }
        return out + rest
    }

    private static func decodeOne(_ name: Substring) -> Character? {
        if let ch = predefined[name] { return ch }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map(Character.init)
    }
}

extension CharacterReferences {
    /// What an HTML numeric reference stands for, as browsers read it: C1 controls as the
    /// Windows-1252 characters feeds meant (`&#146;` is a right quote), nothing for values
    /// that are not characters.
    static func htmlScalar(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x09, 0x0A, 0x0D: return value
        case 0x80...0x9F:
            let mapped = windows1252[Int(value - 0x80)]
            return mapped == 0 ? nil : mapped
        case 0..<0x20, 0x7F, 0xD800...0xDFFF, 0xFFFE, 0xFFFF: return nil
        case 0x110000...: return nil
        default: return value
        }
    }

    /// Windows-1252's characters for 0x80-0x9F (0: undefined there).
    private static let windows1252: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
