import Core
import Foundation
import Yams

/// Reads the `web:` section: `listen` (default 127.0.0.1:8640), `users_file` (required) and
/// `trusted_proxies` (addresses whose forwarding headers are believed).
enum WebSettingsReader {
    static func read(_ node: Node, _ r: YAMLReader, beside path: String) -> WebSettings? {
        guard let map = r.mapping(node, "web", allowed: ["listen", "users_file", "trusted_proxies"], required: ["users_file"]) else {
            return nil
        }
        var settings = WebSettings(usersFile: "")
        if let n = map["listen"], let text = r.string(n, "web.listen") {
            if let (host, port) = WebSettings.parseListen(text) {
                (settings.host, settings.port) = (host, port)
            } else {
                r.issue(n, "web.listen", "\"\(text)\" must be an address and a port, such as 127.0.0.1:8640 or [::1]:8640")
            }
        }
        guard let n = map["users_file"], let file = r.string(n, "web.users_file") else { return nil }
        settings.usersFile = ChipwatchConfig.resolve(file, beside: path)
        if let n = map["trusted_proxies"], let list = r.strings(n, "web.trusted_proxies") { settings.trustedProxies = list }
        return settings
    }
}
