/// Writes plain text into a byte buffer with whitespace normalised on the way: runs of
/// spaces, tabs and no-break spaces become one space, each line is trimmed and blank lines
/// are dropped, so a block boundary is one line break. A separator is written only in front
/// of the next visible byte, and each one stands for at least one input byte that was not
/// copied, so the output is never longer than the input.
struct PlainTextWriter {
    private let out: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var pendingSpace = false
    private var pendingBreak = false

    init(_ out: UnsafeMutablePointer<UInt8>) { self.out = out }

    @inline(__always)
    mutating func space() { pendingSpace = true }

    @inline(__always)
    mutating func lineBreak() {
        pendingBreak = count > 0
        pendingSpace = false
    }

    /// One visible byte (any byte of a UTF-8 sequence that is not whitespace).
    @inline(__always)
    mutating func byte(_ b: UInt8) {
        if pendingBreak {
            out[count] = 0x0A
            count += 1
        } else if pendingSpace && count > 0 {
            out[count] = 0x20
            count += 1
        }
        pendingBreak = false
        pendingSpace = false
        out[count] = b
        count += 1
    }

    /// Copies text from `input` at `start` up to the next `<` or `&` (or the end),
    /// normalising whitespace, and returns where it stopped. With `markup: false` it copies
    /// to the end. Runs of ordinary bytes are found with a table and copied whole.
    @inline(__always)
    mutating func text(_ input: UnsafeBufferPointer<UInt8>, from start: Int, markup: Bool) -> Int {
        var i = start
        let n = input.count
        // Bytes that end a run of ordinary text: whitespace, and in markup `<` and `&`
        // (all below 64, so a bit mask), and 0xC2, the lead byte of U+00A0.
        let whitespace: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x0C
        let stops = markup ? whitespace | 1 << 0x3C | 1 << 0x26 : whitespace
        while i < n {
            var j = i
            while j < n {
                if j + 8 <= n {
                    let word = UInt64(littleEndian: UnsafeRawPointer(input.baseAddress! + j).loadUnaligned(as: UInt64.self))
                    let clean = Self.ordinaryBytes(word, markup: markup, atStart: j == i)
                    if clean > 0 {
                        j += clean
                        continue
                    }
                }
                let b = input[j]
                if b < 64 ? (stops >> UInt64(b)) & 1 != 0 : b == 0xC2 {
                    // One space between two visible bytes is already normal: keep the run
                    // going, so a sentence is one copy rather than one per word.
                    guard b == 0x20, j > i, j + 1 < n else { break }
                    let next = input[j + 1]
                    if next < 64 ? (stops >> UInt64(next)) & 1 != 0 : next == 0xC2 { break }
                    j += 2
                    continue
                }
                j += 1
            }
            if j > i {
                bytes(input.baseAddress! + i, count: j - i)
                i = j
                if i == n { break }
            }
            switch input[i] {
            case 0x3C, 0x26:   // < & (only stops when reading markup)
                return i
            case 0x0A:
                lineBreak()
            case 0x20, 0x09, 0x0D, 0x0C:
                space()
            default:   // 0xC2
                if i + 1 < n && input[i + 1] == 0xA0 {
                    // U+00A0 NO-BREAK SPACE counts as a space.
                    i += 1
                    space()
                } else if i + 1 < n && (0x80...0x9F).contains(input[i + 1]) {
                    // A C1 control in text is a Windows-1252 character the feed meant (its
                    // bytes decoded as Latin-1): U+0092 is a right quote, as `&#146;` is.
                    if let mapped = CharacterReferences.htmlScalar(UInt32(input[i + 1])) { scalar(mapped) }
                    i += 1
                } else {
                    byte(0xC2)
                }
            }
            i += 1
        }
        return i
    }

    /// How many of the eight bytes in `word` (first byte lowest) continue a run as they
    /// are: 8, 7 when the last is a space (the byte after it decides), or 0 when any needs
    /// a closer look (whitespace other than a lone space, `<`, `&`, the lead byte of
    /// U+00A0, or a space that starts the run). Eight bytes tested at once, SWAR-style.
    @inline(__always)
    static func ordinaryBytes(_ word: UInt64, markup: Bool, atStart: Bool) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // 0x80 in each byte of `x` that is zero, exactly (no carries between bytes).
        func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x | low7) }
        var stops = zeroBytes(word & 0xE0E0_E0E0_E0E0_E0E0)   // below 0x20: tab, line feed, ...
        stops |= zeroBytes(word ^ (ones &* 0xC2))
        if markup { stops |= zeroBytes(word ^ (ones &* 0x3C)) | zeroBytes(word ^ (ones &* 0x26)) }
        let spaces = zeroBytes(word ^ (ones &* 0x20))
        if stops != 0 || spaces & (spaces >> 8) != 0 || (atStart && spaces & 0x80 != 0) { return 0 }
        return spaces >> 56 != 0 ? 7 : 8
    }

    /// `count` visible bytes at once.
    @inline(__always)
    mutating func bytes(_ source: UnsafePointer<UInt8>, count k: Int) {
        byte(source[0])
        (out + count).update(from: source + 1, count: k - 1)
        count += k - 1
    }

    /// A decoded character: whitespace as whitespace, anything else as its UTF-8 bytes.
    mutating func scalar(_ value: UInt32) {
        switch value {
        case 0x0A: lineBreak()
        case 0x20, 0x09, 0x0D, 0x0C, 0xA0: space()
        case 0..<0x80: byte(UInt8(value))
        case 0x80..<0x800:
            byte(UInt8(0xC0 | (value >> 6)))
            byte(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            byte(UInt8(0xE0 | (value >> 12)))
            byte(UInt8(0x80 | ((value >> 6) & 0x3F)))
            byte(UInt8(0x80 | (value & 0x3F)))
        default:
            byte(UInt8(0xF0 | (value >> 18)))
            byte(UInt8(0x80 | ((value >> 12) & 0x3F)))
            byte(UInt8(0x80 | ((value >> 6) & 0x3F)))
            byte(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// A string built by `body` writing into a buffer of `capacity` bytes.
    static func string(capacity: Int, _ body: (inout PlainTextWriter) -> Void) -> String {
        String(unsafeUninitializedCapacity: max(capacity, 1)) { buffer in
            var writer = PlainTextWriter(buffer.baseAddress!)
            body(&writer)
            return writer.count
        }
    }
}
