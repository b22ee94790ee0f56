internal import CCurl

/// One throwing check for libcurl return codes: a failing setopt means a programming error
/// or an old libcurl, and must not pass silently.
struct CurlSetupError: Error, CustomStringConvertible {
    var what: String
    var code: Int
    var description: String { "libcurl: \(what) failed with code \(code)" }
}

@inline(__always)
func check(_ code: CURLcode, _ what: @autoclosure () -> String) throws {
    if code != CURLE_OK { throw CurlSetupError(what: what(), code: Int(code.rawValue)) }
}

@inline(__always)
func check(_ code: CURLMcode, _ what: @autoclosure () -> String) throws {
    if code != CURLM_OK { throw CurlSetupError(what: what(), code: Int(code.rawValue)) }
}

/// Maps a libcurl result to the classes the stages record.
func classify(_ code: CURLcode, refusedAddress: Bool, tooLarge: Bool, redirected: Bool) -> TransferError.Kind {
    if tooLarge { return .tooLarge }
    if refusedAddress { return .refusedAddress }
    switch code {
    case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .dns
    case CURLE_COULDNT_CONNECT: return .connect
    case CURLE_OPERATION_TIMEDOUT: return .timeout
    case CURLE_FILESIZE_EXCEEDED: return .tooLarge
    case CURLE_TOO_MANY_REDIRECTS: return .badRedirect
    case CURLE_UNSUPPORTED_PROTOCOL: return redirected ? .badRedirect : .other
    case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
         CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
         CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE,
         CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
         CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
        return .tls
    default: return .other
    }
}

/// Removes `user:password@` from a URL so it can go into logs and the store.
public func redactURL(_ url: String) -> String {
    guard let scheme = url.range(of: "://") else { return url }
    let rest = url[scheme.upperBound...]
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
    return String(url[..<scheme.upperBound]) + "redacted@" + String(rest[rest.index(after: at)...])
}
