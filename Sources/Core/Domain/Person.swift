import Foundation

/// A person as feeds name them (Atom author, RSS managingEditor, dc:creator).
public struct Person: Sendable, Equatable, Codable {
    public var name: String
    public var email: String?
    public var uri: String?

    public init(name: String, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }
}
