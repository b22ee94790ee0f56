import Core

/// Reads compute (PFLOPS with a precision), memory and bandwidth (GB, TB, TB/s) and process
/// nodes (nm) from a sentence's words.
enum QuantityReader {
    static let compute: [String: (String, Double)] = [
        "pflops": ("PFLOPS", 1), "petaflops": ("PFLOPS", 1), "petaflop": ("PFLOPS", 1), "pflop": ("PFLOPS", 1),
        "eflops": ("EFLOPS", 1), "exaflops": ("EFLOPS", 1), "exaflop": ("EFLOPS", 1),
        "tflops": ("TFLOPS", 1), "teraflops": ("TFLOPS", 1), "teraflop": ("TFLOPS", 1),
    ]
    static let precisions: WordSet = ["fp4", "fp6", "fp8", "fp16", "fp32", "fp64", "bf16", "tf32", "int4", "int8",
                                      "mxfp4", "mxfp6", "mxfp8", "hif4", "hif8", "nvfp4"]
    static let memoryWords = ["hbm", "memory", "lpddr", "gddr", "dram", "hibl", "hizq"]
    static let nanometres: WordSet = ["nm", "nanometer", "nanometers", "nanometre", "nanometres"]

    static func read(_ t: [Token]) -> [Quantity] {
        var found: [Quantity] = []
        for i in t.indices {
            // "112gb" is one word; "112 GB" two.
            let (value, unit, next) = split(t, i)
            guard let value, let unit else { continue }
            if let (name, scale) = compute[unit] {
                let nearby = ([i - 2, i - 1] + Array(next..<min(next + 3, t.count))).filter { t.indices.contains($0) }
                let precision = nearby.map { t[$0].text }.first { precisions.contains($0) }?.uppercased()
                found.append(Quantity(value: value * scale, unit: name, precision: precision, kind: "compute"))
            } else if unit == "gb" || unit == "tb" {
                if next < t.count, t[next].text == "s", t[next].separator == "/" {
                    found.append(Quantity(value: value, unit: unit.uppercased() + "/s", kind: "bandwidth"))
                    continue
                }
                let nearby = ([i - 1] + Array(next..<min(next + 4, t.count))).filter { t.indices.contains($0) }
                if nearby.contains(where: { index in memoryWords.contains { t[index].text.hasPrefix($0) } }) {
                    found.append(Quantity(value: value, unit: unit.uppercased(), kind: "memory"))
                }
            } else if nanometres.contains(unit) {
                found.append(Quantity(value: value, unit: "nm", kind: "process"))
            }
        }
        return found
    }

    /// The number at `i` and the unit after it, whether written together or apart.
    private static func split(_ t: [Token], _ i: Int) -> (Double?, String?, Int) {
        let text = t[i].text
        guard let first = text.unicodeScalars.first, CharacterClass.isDigit(first) else { return (nil, nil, i + 1) }
        if let value = Double(text) {
            return i + 1 < t.count ? (value, t[i + 1].text, i + 2) : (nil, nil, i + 1)
        }
        let digits = text.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(digits) else { return (nil, nil, i + 1) }
        return (value, String(text.dropFirst(digits.count)), i + 1)
    }
}
