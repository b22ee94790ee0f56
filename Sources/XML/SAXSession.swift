internal import CLibXML2
import Foundation

/// One libxml2 push parser context and its element names, reused from document to
/// document (`xmlCtxtResetPush`). The parser keeps its string dictionary across resets, so
/// a name seen in an earlier document arrives as the same pointers and is found at once:
/// for the many small feeds of a fetch, making the context and the names again for each
/// document cost more than parsing them. Used by one thread at a time. Against hostile
/// documents inventing names: a context whose dictionary grew large is made anew, and a
/// session with too many names says so (`isWorn`) for its pool to drop it.
public final class SAXSession {
    var ctxt: xmlParserCtxtPtr?
    let names = XMLNameTable()
    /// Names kept before the context and names are made again.
    static let nameLimit = 20_000

    public init() {}

    deinit {
        if let ctxt { cw_xml_free_ctxt(ctxt) }
    }

    /// Whether the names grew past the limit: a pool should drop this session.
    public var isWorn: Bool { names.count > Self.nameLimit }

    /// The context, readied for a new document whose first bytes are `head`.
    func start(userData: UnsafeMutableRawPointer, head: UnsafePointer<CChar>?, count: Int) -> xmlParserCtxtPtr? {
        if let ctxt, xmlDictSize(ctxt.pointee.dict) <= 4 * Self.nameLimit {
            guard xmlCtxtResetPush(ctxt, head, Int32(count), nil, nil) == 0 else { return nil }
            ctxt.pointee.userData = userData
            return ctxt
        }
        if let ctxt { cw_xml_free_ctxt(ctxt) }
        ctxt = Self.makeContext(userData: userData, head: head, count: count)
        names.reset(dictionary: ctxt?.pointee.dict)
        return ctxt
    }

    /// A new push parser context with chipwatch's callbacks.
    static func makeContext(userData: UnsafeMutableRawPointer, head: UnsafePointer<CChar>?,
                                        count: Int) -> xmlParserCtxtPtr? {
        var sax = SAXParser.handlers   // libxml2 copies it
        return xmlCreatePushParserCtxt(&sax, userData, head, Int32(count), nil)
    }

    /// Drops what the document left in the context (a partial tree, entities).
    func finish() {
        if let ctxt, let document = ctxt.pointee.myDoc {
            xmlFreeDoc(document)
            ctxt.pointee.myDoc = nil
        }
    }
}

/// A value behind a lock, for the few process-wide caches.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
