import Core
import Foundation
import Yams

/// Reads `receivers:` and `routes:` of rules.yaml (format in the README, "How notification behaves").
enum ReceiversReader {
    static func read(receivers node: Node?, routes routesNode: Node?, _ r: YAMLReader, into set: inout RuleSet) {
        var names: [String: Int] = [:]
        var digests: [(Node, String, String)] = []
        if let node, let items = r.sequence(node, "receivers") {
            for (index, item) in items.enumerated() {
                let field = "receivers[\(index)]"
                guard let map = r.mapping(item, field, allowed: ["name", "email", "webhook", "log", "digest"], required: ["name"]),
                      let nameNode = map["name"], let name = r.string(nameNode, "\(field).name") else { continue }
                if let line = names[name] { r.issue(nameNode, "\(field).name", "\"\(name)\" is already used on line \(line)") }
                names[name] = nameNode.mark?.line ?? 0
                let kinds = ["email", "webhook", "log", "digest"].filter { map[$0] != nil }
                guard kinds.count == 1, let kindNode = map[kinds[0]] else {
                    r.issue(item, field, "must have exactly one of email, webhook, log or digest")
                    continue
                }
                let path = "\(field).\(kinds[0])"
                var kind: Receiver.Kind?
                switch kinds[0] {
                case "email": kind = email(kindNode, path, r).map(Receiver.Kind.email)
                case "webhook": kind = webhook(kindNode, path, r).map(Receiver.Kind.webhook)
                case "log":
                    if let m = r.mapping(kindNode, path, allowed: ["path"], required: ["path"]),
                       let p = m["path"].flatMap({ r.string($0, "\(path).path") }) { kind = .log(path: p) }
                default:
                    if let d = digest(kindNode, path, r) {
                        kind = .digest(d)
                        digests.append((kindNode, path, d.receiver))
                    }
                }
                if let kind { set.receivers.append(Receiver(name: name, kind: kind)) }
            }
        }
        for (node, path, target) in digests {
            guard let receiver = set.receivers.first(where: { $0.name == target }) else {
                r.issue(node, "\(path).receiver", "\"\(target)\" is not one of the receivers")
                continue
            }
            if case .digest = receiver.kind { r.issue(node, "\(path).receiver", "a digest must send through a receiver that is not a digest") }
        }
        if let routesNode, let items = r.sequence(routesNode, "routes") {
            for (index, item) in items.enumerated() {
                let field = "routes[\(index)]"
                guard let map = r.mapping(item, field, allowed: ["match", "receivers"], required: ["receivers"]),
                      let receiversNode = map["receivers"], let list = r.strings(receiversNode, "\(field).receivers") else { continue }
                for name in list where names[name] == nil {
                    r.issue(receiversNode, "\(field).receivers", "\"\(name)\" is not one of the receivers")
                }
                var route = Route(receivers: list)
                if let matchNode = map["match"], let match = r.mapping(matchNode, "\(field).match", allowed: ["severity", "labels"]) {
                    if let n = match["severity"], let severities = r.strings(n, "\(field).match.severity") {
                        route.severities = severities.compactMap { text in
                            guard let severity = Severity(rawValue: text) else {
                                r.issue(n, "\(field).match.severity", "\"\(text)\" must be info, warning or critical")
                                return nil
                            }
                            return severity
                        }
                    }
                    if let n = match["labels"] { route.labels = RulesFile.readLabels(n, "\(field).match.labels", r) }
                }
                set.routes.append(route)
            }
        }
    }

    static func secret(_ map: [String: Node], prefix: String, _ field: String, _ r: YAMLReader) -> SecretSource? {
        let keys = ["\(prefix)_file", "\(prefix)_env", "credential"].filter { map[$0] != nil }
        if keys.count > 1 { r.issue(map[keys[1]], "\(field).\(keys[1])", "give one of \(prefix)_file, \(prefix)_env or credential") }
        guard let key = keys.first, let node = map[key], let value = r.string(node, "\(field).\(key)") else { return nil }
        if key.hasSuffix("_file") { return .file(value) }
        if key.hasSuffix("_env") { return .environment(value) }
        return .credential(value)
    }

    static func email(_ node: Node, _ field: String, _ r: YAMLReader) -> Receiver.Email? {
        guard let map = r.mapping(node, field, allowed: ["url", "from", "to", "username", "password_file", "password_env",
                                                         "credential", "password", "tls"], required: ["url", "from", "to"]),
              let urlNode = map["url"], let url = r.string(urlNode, "\(field).url"),
              let from = map["from"].flatMap({ r.string($0, "\(field).from") }),
              let to = map["to"].flatMap({ r.strings($0, "\(field).to") }) else { return nil }
        if map["password"] != nil {
            r.issue(map["password"], "\(field).password", "passwords never go in the YAML: use password_file, password_env or credential")
        }
        let lowered = url.lowercased()
        if !(lowered.hasPrefix("smtp://") || lowered.hasPrefix("smtps://")) || URLComponents(string: url)?.host == nil {
            r.issue(urlNode, "\(field).url", "\"\(url)\" must be an smtp:// or smtps:// URL")
        }
        if URLComponents(string: url)?.password != nil {
            r.issue(urlNode, "\(field).url", "must not carry a password: use password_file, password_env or credential")
        }
        if to.isEmpty { r.issue(map["to"], "\(field).to", "must name at least one address") }
        var email = Receiver.Email(url: url, from: from, to: to, username: map["username"].flatMap { r.string($0, "\(field).username") },
                                   password: secret(map, prefix: "password", field, r))
        if let n = map["tls"], let tls = r.string(n, "\(field).tls") {
            switch tls {
            case "required": email.tlsRequired = true
            case "none": email.tlsRequired = false
            default: r.issue(n, "\(field).tls", "\"\(tls)\" must be required or none")
            }
        }
        return email
    }

    static func webhook(_ node: Node, _ field: String, _ r: YAMLReader) -> Receiver.Webhook? {
        guard let map = r.mapping(node, field, allowed: ["url", "secret_file", "secret_env", "credential", "format", "secret"],
                                  required: ["url"]),
              let urlNode = map["url"], let url = r.string(urlNode, "\(field).url") else { return nil }
        if map["secret"] != nil {
            r.issue(map["secret"], "\(field).secret", "secrets never go in the YAML: use secret_file, secret_env or credential")
        }
        let lowered = url.lowercased()
        if !(lowered.hasPrefix("http://") || lowered.hasPrefix("https://")) || URLComponents(string: url)?.host == nil {
            r.issue(urlNode, "\(field).url", "\"\(url)\" must be an http or https URL")
        }
        var hook = Receiver.Webhook(url: url, secret: secret(map, prefix: "secret", field, r))
        if let n = map["format"], let format = r.string(n, "\(field).format") {
            if let value = Receiver.Webhook.Format(rawValue: format) { hook.format = value }
            else { r.issue(n, "\(field).format", "\"\(format)\" must be chipwatch or slack") }
        }
        return hook
    }

    static func digest(_ node: Node, _ field: String, _ r: YAMLReader) -> Receiver.Digest? {
        guard let map = r.mapping(node, field, allowed: ["receiver", "every", "at"], required: ["receiver"]),
              let target = map["receiver"].flatMap({ r.string($0, "\(field).receiver") }) else { return nil }
        var every = 86_400.0
        if let n = map["every"], let text = r.string(n, "\(field).every") {
            if let seconds = DurationText.seconds(text), seconds >= 3600 { every = seconds }
            else { r.issue(n, "\(field).every", "\"\(text)\" must be a duration of at least 1h (e.g. 1d)") }
        }
        var hour = 8, minute = 0
        if let n = map["at"], let text = r.string(n, "\(field).at") {
            let parts = text.split(separator: ":").compactMap { Int($0) }
            if parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) { (hour, minute) = (parts[0], parts[1]) }
            else { r.issue(n, "\(field).at", "\"\(text)\" must be a time HH:MM (UTC)") }
        }
        return Receiver.Digest(receiver: target, everySeconds: every, hour: hour, minute: minute)
    }
}
