import Foundation

/// Where a secret comes from: never the YAML itself.
public enum SecretSource: Sendable, Equatable {
    case file(String)
    case environment(String)
    /// A file of that name in systemd's `$CREDENTIALS_DIRECTORY` (`LoadCredential=`).
    case credential(String)

    public var description: String {
        switch self {
        case .file(let path): "file \(path)"
        case .environment(let name): "environment variable \(name)"
        case .credential(let name): "credential \(name)"
        }
    }
}
