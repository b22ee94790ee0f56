internal import CLibXML2
import Foundation
import Core

/// One attribute of an element, with its namespace URI resolved.
public struct XMLAttribute: Sendable, Equatable {
    public var localName: String
    public var prefix: String?
    public var namespace: String?
    public var value: String
}

/// Receives the events of a SAX parse. Text may arrive in several pieces. Nothing handed
/// over (the attribute view, the text bytes) may be kept past the call: it points into
/// libxml2's buffers.
public protocol XMLEventHandler: AnyObject {
    /// Returns whether the text that follows, up to the next element event, is wanted:
    /// when it is not, libxml2 is told not to deliver it at all.
    func startElement(_ name: XMLName, attributes: XMLAttributes) -> Bool
    /// Returns whether the text that follows is wanted, as `startElement` does.
    func endElement(_ name: XMLName) -> Bool
    func characters(_ text: UnsafeBufferPointer<UInt8>)
}

/// How a parse went: well-formed, recovered past errors, or nothing usable.
public struct XMLParseReport: Sendable, Equatable {
    public var wellFormed: Bool
    /// The first error libxml2 reported, with its line, e.g. `line 12: Opening and ending tag mismatch`.
    public var firstError: String?
    /// Whether libxml2 met bytes it could not read as characters of the encoding in use
    /// (UTF-8 that is not, or characters XML does not allow).
    public var invalidCharacters = false
}

/// libxml2's SAX2 push parser with recovery and only safe options: no entity substitution,
/// no DTD loading, no network, no file access, default size and depth limits kept.
/// Used on untrusted bytes; never builds a tree, never calls xmlNodeGetContent.
public enum SAXParser {
    /// Options for untrusted XML (PLATFORM-NOTES: never NOENT, DTDLOAD, DTDATTR, DTDVALID, HUGE).
    static let safeOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue
                                   | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// Whether libxml2 (with iconv) can decode `encoding`. Remembered per name: asking
    /// opens an iconv converter, which costs more than parsing a small feed.
    public static func knowsEncoding(_ encoding: String) -> Bool {
        if let known = knownEncodings.withLock({ $0[encoding] }) { return known }
        var known = false
        if let handler = xmlFindCharEncodingHandler(encoding) {
            xmlCharEncCloseFunc(handler)
            known = true
        }
        knownEncodings.withLock { table in
            if table.count < 1000 { table[encoding] = known }
        }
        return known
    }

    private static let knownEncodings = Locked<[String: Bool]>([:])

    /// Whether the first bytes leave libxml2 reading the document as UTF-8 or an encoding
    /// the declaration names (not UTF-16 or UCS-4 detected from the bytes).
    private static func asciiCompatible(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return true }
        let detected = bytes.withUnsafeBufferPointer { xmlDetectCharEncoding($0.baseAddress, 4) }
        return detected == XML_CHAR_ENCODING_NONE || detected == XML_CHAR_ENCODING_UTF8
    }

    /// The SAX callbacks, copied by libxml2 into each parser context. Immutable once made
    /// (function pointers only), so sharing it is safe.
    nonisolated(unsafe) static let handlers: xmlSAXHandler = {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = startCallback
        sax.endElementNs = endCallback
        sax.characters = charactersCallback
        sax.cdataBlock = charactersCallback
        // As libxml2's own SAX2 handler does: whitespace is text like any other, and with
        // both the same libxml2 skips its check for ignorable blanks.
        sax.ignorableWhitespace = charactersCallback
        sax.serror = errorCallback
        sax.getEntity = getEntityCallback
        return sax
    }()

    /// Parses `bytes` and sends events to `handler`. `encoding` overrides what the document
    /// declares (an IANA name libxml2 knows, e.g. `windows-1252`), for mislabelled feeds.
    /// With a `session`, its parser context and names are reused (see `SAXSession`).
    public static func parse(_ bytes: [UInt8], handler: XMLEventHandler, encoding: String? = nil,
                             session: SAXSession? = nil) -> XMLParseReport {
        XMLGlobal.prepareThread()
        let session = session ?? SAXSession()
        // A reset context did not read UTF-16 and UCS-4 documents as a fresh one does (found
        // by `chipwatch-bench-parse --check`): such documents get a context of their own.
        // Their names keep the session's ids; their pointers, not being the session
        // dictionary's, are never remembered.
        let reuse = asciiCompatible(bytes)
        let box = HandlerBox(handler, names: session.names)
        let userData = Unmanaged.passUnretained(box).toOpaque()
        // The first bytes go in first so libxml2 can detect UTF-16/32 from them.
        let head = min(4, bytes.count)
        let context = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                reuse ? session.start(userData: userData, head: head > 0 ? chars.baseAddress : nil, count: head)
                      : SAXSession.makeContext(userData: userData, head: head > 0 ? chars.baseAddress : nil, count: head)
            }
        }
        guard let ctxt = context else {
            return XMLParseReport(wellFormed: false, firstError: "libxml2 could not create a parser")
        }
        defer { reuse ? session.finish() : cw_xml_free_ctxt(ctxt) }
        box.ctxt = ctxt
        box.deliverText(false)   // nothing is wanted before the root element
        var options = safeOptions
        if let encoding, let handler = xmlFindCharEncodingHandler(encoding) {
            _ = xmlSwitchToEncoding(ctxt, handler)
            // The caller knows better than the declaration (a mislabelled feed): ignore it.
            options |= Int32(XML_PARSE_IGNORE_ENC.rawValue)
        }
        _ = xmlCtxtUseOptions(ctxt, options)
        let chunk = 1 << 16
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                var offset = head
                while offset < chars.count {
                    let size = min(chunk, chars.count - offset)
                    _ = xmlParseChunk(ctxt, chars.baseAddress! + offset, Int32(size), 0)
                    offset += size
                }
            }
        }
        _ = xmlParseChunk(ctxt, nil, 0, 1)
        if box.openElements > 0 && box.firstError == nil {
            box.otherErrors += 1
            box.firstError = "the document ends before its elements are closed (truncated)"
        }
        return withExtendedLifetime(box) {
            XMLParseReport(wellFormed: (cw_xml_wellformed(ctxt) != 0 || (box.harmlessErrors > 0 && box.otherErrors == 0))
                                && box.firstError == nil,
                           firstError: box.firstError,
                           invalidCharacters: box.invalidCharacters)
        }
    }
}

/// What the C callbacks reach through their `void *` user data.
final class HandlerBox {
    let handler: XMLEventHandler
    let names: XMLNameTable
    // Set from callbacks of one parse on one thread: no runtime exclusivity checks.
    @exclusivity(unchecked) var firstError: String?
    @exclusivity(unchecked) var invalidCharacters = false
    /// Errors libxml2 counts against well-formedness that chipwatch knows to be harmless (an
    /// external DTD part not loaded), and the others.
    @exclusivity(unchecked) var harmlessErrors = 0
    @exclusivity(unchecked) var otherErrors = 0
    /// Elements started and not yet ended. libxml2 2.9.14 can end a push parse without an
    /// error when the document stops inside a multibyte sequence of a converted encoding
    /// (GB18030, say), though its elements were never closed: this catches that.
    @exclusivity(unchecked) var openElements = 0
    @exclusivity(unchecked) var ctxt: xmlParserCtxtPtr?
    /// Whether libxml2 currently calls back with text.
    @exclusivity(unchecked) private var textOn = true

    /// Turns text delivery on or off in the context's callbacks, as the handler asks.
    @inline(__always)
    func deliverText(_ wanted: Bool) {
        guard wanted != textOn, let sax = ctxt?.pointee.sax else { return }
        textOn = wanted
        let callback: charactersSAXFunc? = wanted ? charactersCallback : nil
        sax.pointee.characters = callback
        sax.pointee.cdataBlock = callback
        // Kept equal to `characters`, so libxml2 never sorts blanks from text.
        sax.pointee.ignorableWhitespace = callback
    }
    init(_ handler: XMLEventHandler, names: XMLNameTable) {
        self.handler = handler
        self.names = names
    }
}

/// Process- and thread-wide libxml2 setup.
enum XMLGlobal {
    private static let once: Void = {
        xmlInitParser()
        cw_xml_deny_external_entities()
    }()

    static func prepareThread() {
        _ = once
        cw_xml_silence_errors()
        xmlSetStructuredErrorFunc(nil, nil)
    }
}

@inline(__always)
private func box(_ ctx: UnsafeMutableRawPointer?) -> HandlerBox {
    Unmanaged<HandlerBox>.fromOpaque(ctx!).takeUnretainedValue()
}

/// The box behind `ctx`, borrowed for the call without a retain (`parse` holds it).
@inline(__always)
private func withBox(_ ctx: UnsafeMutableRawPointer?, _ body: (HandlerBox) -> Void) {
    Unmanaged<HandlerBox>.fromOpaque(ctx!)._withUnsafeGuaranteedRef(body)
}

private let startCallback: startElementNsSAX2Func = { ctx, localName, prefix, uri, _, _, count, _, attributes in
    guard let localName else { return }
    withBox(ctx) { b in
        b.openElements += 1
        let attributes = XMLAttributes(UnsafePointer(attributes), count: Int(count))
        let wanted = b.names.name(localName, prefix, uri)._withUnsafeGuaranteedRef {
            b.handler.startElement($0, attributes: attributes)
        }
        b.deliverText(wanted)
    }
}

private let endCallback: endElementNsSAX2Func = { ctx, localName, prefix, uri in
    guard let localName else { return }
    withBox(ctx) { b in
        b.openElements -= 1
        b.deliverText(b.names.name(localName, prefix, uri)._withUnsafeGuaranteedRef { b.handler.endElement($0) })
    }
}

fileprivate let charactersCallback: charactersSAXFunc = { ctx, chars, length in
    guard let chars, length > 0 else { return }
    withBox(ctx) { $0.handler.characters(UnsafeBufferPointer(start: chars, count: Int(length))) }
}

private let errorCallback: xmlStructuredErrorFunc = { ctx, error in
    guard let ctx, let error else { return }
    let b = box(ctx)
    if error.pointee.code == Int32(XML_ERR_INVALID_CHAR.rawValue) { b.invalidCharacters = true }
    guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    let message = error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "error"
    // An external parameter entity of the DTD that was not loaded ("PEReference: %HTMLlat1;
    // not found"): chipwatch never fetches DTDs, by design; the document is not damaged.
    let code = error.pointee.code
    if (code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue) || code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue)),
       message.hasPrefix("PEReference:") {
        b.harmlessErrors += 1
        return
    }
    b.otherErrors += 1
    guard b.firstError == nil else { return }
    b.firstError = "line \(error.pointee.line): \(message)"
}

/// Entities XML does not define but feeds written by HTML tools use (`&nbsp;`, `&eacute;`,
/// `&mdash;`): libxml2 asks `getEntity` before declaring them undefined, and inlines an
/// entity of the predefined kind as characters, so they come out as HTML would show them.
/// Anything else (including entities declared in a DTD) stays unresolved: nothing expands.
private let getEntityCallback: getEntitySAXFunc = { ctx, name in
    guard let ctx, let name, let entity = HTMLEntities.entity(name) else { return nil }
    let b = box(ctx)
    if b.firstError == nil { b.firstError = "HTML entity &\(String(cString: name)); read in an XML document" }
    return entity
}

/// Process-wide table of HTML entities as libxml2 entity objects, made on first use and
/// kept for the life of the process (at most the 253 entities HTML 4 defines).
enum HTMLEntities {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: [String: xmlEntityPtr] = [:]

    static func entity(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        guard let html = htmlEntityLookup(name), let scalar = Unicode.Scalar(html.pointee.value) else { return nil }
        let key = String(cString: name)
        lock.lock()
        defer { lock.unlock() }
        if let known = made[key] { return known }
        let content = String(Character(scalar))
        let entity = content.withCString { text in
            text.withMemoryRebound(to: xmlChar.self, capacity: content.utf8.count + 1) {
                xmlNewEntity(nil, name, Int32(XML_INTERNAL_PREDEFINED_ENTITY.rawValue), nil, nil, $0)
            }
        }
        if let entity { made[key] = entity }
        return entity
    }
}
