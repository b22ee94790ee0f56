import Foundation

/// The parser's version, recorded on every item it produces. parse-2: HTML read by
/// chipwatch's own tokenizer (C1 references as Windows-1252, self-closing iframes, markup
/// nested in text elements kept); identities unchanged.
public enum ParserVersion {
    public static let current = "parse-3"
}
