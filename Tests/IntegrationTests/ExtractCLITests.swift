import Core
import Foundation
import Logging
import Parse
import Store
import TestSupport
import Testing

/// `extract-text`, `extract` and the dictionary's validation, through the real executable.
@Suite("Extract CLI", .serialized)
struct ExtractCLITests {
    @Test("extract-text writes one line per input in the documented shape; a bad line gets an error line and exit 65")
    func extractText() throws {
        let input = """
            {"id": "a", "title": "Huawei Ascend 950PR ships", "text": "Huawei said the Ascend 950PR, with 1 PFLOPS of FP8 compute, is now generally available.", "date": "2026-03-20"}
            not json
            {"id": "c", "title": "Nothing here", "text": "Weather was fine.", "date": null}

            """
        let result = try CLI.run(["extract-text", "--config", "feeds/chipwatch.yaml"], stdin: input)
        #expect(result.status == 65)
        #expect(result.stderr.contains("stdin line 2"))
        let lines = result.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 3)
        let first = try #require(lines[0] ?? nil)
        #expect(first["id"] as? String == "a")
        #expect(first["vendors"] as? [String] == ["Huawei"])
        #expect(first["products"] as? [String] == ["Huawei Ascend 950PR"])
        let signal = try #require((first["signals"] as? [[String: Any]])?.first)
        for key in ["vendors", "product", "event", "modality", "window", "quantities", "evidence", "confidence", "extractor_version"] {
            #expect(signal[key] != nil, "missing \(key)")
        }
        #expect(signal["event"] as? String == "ship")
        #expect(signal["window"] as? String == "2026-Q1")
        let quantity = try #require((signal["quantities"] as? [[String: Any]])?.first)
        #expect(quantity["unit"] as? String == "PFLOPS" && quantity["precision"] as? String == "FP8")
        let evidence = try #require(signal["evidence"] as? [String: Any])
        #expect((evidence["text"] as? String)?.contains("generally available") == true)
        #expect((lines[1] ?? nil)?["error"] != nil)
        #expect(((lines[2] ?? nil)?["signals"] as? [Any])?.isEmpty == true)
    }

    @Test("extract-text reads lines longer than its read block, Windows line ends and a last line without one")
    func extractTextLines() throws {
        let long = String(repeating: "Analysts expect demand to stay strong. ", count: 5000)   // ~195 KB
        let input = "{\"id\": \"long\", \"title\": \"Huawei ships Ascend 950PR\", \"text\": \"\(long)Huawei has started shipping the Ascend 950PR.\", \"date\": \"2026-03-20\"}\r\n"
            + "   \t \n"
            + "{\"id\": 7, \"title\": 3, \"text\": \"Nothing.\", \"date\": \"2026-03\"}"
        let result = try CLI.run(["extract-text", "--config", "feeds/chipwatch.yaml"], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 2)
        let first = try #require(lines[0] ?? nil)
        #expect(first["id"] as? String == "long")
        let evidence = (first["signals"] as? [[String: Any]] ?? []).compactMap { ($0["evidence"] as? [String: Any])?["text"] as? String }
        #expect(evidence.contains("Huawei has started shipping the Ascend 950PR."), "\(evidence)")
        #expect((lines[1] ?? nil)?["id"] as? Int == 7)
    }

    @Test("check-config names file, line and field of dictionary errors, all at once")
    func dictionaryErrors() throws {
        let dir = try TempDir()
        _ = try dir.write("feeds.yaml", "feeds: []\n")
        _ = try dir.write("dictionary.yaml", """
            vendors:
              - {name: Huawei}
            products:
              - {name: Huawei Ascend 950PR, vendor: Huawai, aliases: [950PR]}
              - {name: Huawei Ascend 950DT, vendor: Huawei, family: Huawei Ascend 950, aliases: ["-"]}
            events:
              ship: {phrases: [ship*, start* shipping]}
              launch: {phrases: [launch]}

            """)
        let config = try dir.write("chipwatch.yaml", "feeds: feeds.yaml\ndictionary: dictionary.yaml\n")
        let result = try CLI.run(["check-config", "--config", config])
        #expect(result.status == 78)
        #expect(result.stderr.contains("dictionary.yaml:4: products[0].vendor: \"Huawai\" is not one of the vendors"))
        #expect(result.stderr.contains("dictionary.yaml:5: products[1].family"))
        #expect(result.stderr.contains("products[1].aliases[0]"))
        #expect(result.stderr.contains("events.ship.phrases[1]: \"start* shipping\": * may only end a phrase"))
        #expect(result.stderr.contains("dictionary.yaml:8: events.launch: unknown key"))
    }

    @Test("extract without a dictionary in the configuration exits 78")
    func noDictionary() throws {
        let dir = try TempDir()
        _ = try dir.write("feeds.yaml", "feeds: []\n")
        let config = try dir.write("chipwatch.yaml", "feeds: feeds.yaml\n")
        let result = try CLI.run(["extract", "--config", config, "--state-dir", dir.path + "/state"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("dictionary"))
    }

    @Test("extract killed at several moments, then run again, reaches the undisturbed result")
    func killedExtract() throws {
        let dir = try TempDir()
        _ = try dir.write("feeds.yaml", "feeds: []\n")
        let config = try dir.write("chipwatch.yaml", "feeds: feeds.yaml\ndictionary: \(CLI.repositoryRoot)/feeds/dictionary.yaml\n")
        func prepare(_ state: String) throws {
            let store = try Store(directory: state)
            let sentences = ["Huawei has started shipping the Ascend 950PR to cloud customers.",
                             "Nvidia reportedly delayed Rubin to the first quarter of 2027.",
                             "BIS added 12 Chinese firms to the Entity List on Tuesday.",
                             "Huawei denied it unveiled the Ascend 920."]
            let items = (0..<3000).map { i in
                "<item><guid>g\(i)</guid><title>Story \(i) of \(i % 7)</title><pubDate>Fri, 20 Mar 2026 08:00:00 GMT</pubDate>"
                    + "<description>Item \(i): \(sentences[i % 4]) Word\(i) and more words \(i * 7).</description></item>"
            }.joined()
            try store.recordFetched("bulk", "<rss version=\"2.0\"><channel><title>t</title>\(items)</channel></rss>",
                                    at: Date(timeIntervalSince1970: 1_774_000_000))
            _ = try ParseStage(logger: Logger(label: "test")).run(store: store, now: Date(timeIntervalSince1970: 1_774_000_000))
        }
        func snapshot(_ state: String) throws -> [String] {
            let store = try Store(directory: state)
            let signals = try store.signalSummaries().map { "\($0.item) \($0.story) \($0.event) \($0.modality) \($0.product ?? "-")" }
            return signals.sorted() + (try store.itemStories()).map { "item \($0.key) story \($0.value)" }.sorted()
        }
        let reference = dir.path + "/reference"
        try prepare(reference)
        #expect(try CLI.run(["extract", "--config", config, "--state-dir", reference]).status == 0)
        let expected = try snapshot(reference)
        #expect(expected.filter { $0.contains(" ship ") }.count == 750)

        for (point, delay) in [30_000, 150_000, 400_000].enumerated() {
            let state = dir.path + "/killed-\(point)"
            try prepare(state)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.executable)
            process.arguments = ["extract", "--config", config, "--state-dir", state]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(delay))
            kill(process.processIdentifier, SIGKILL)
            while process.isRunning { usleep(2000) }
            #expect(try CLI.run(["extract", "--config", config, "--state-dir", state]).status == 0)
            #expect(try snapshot(state) == expected, "killed after \(delay / 1000) ms")
        }
    }
    @Test("a model named with its vendor but missing from the dictionary is a signal marked unknown, and dictionary suggest lists it")
    func unknownProducts() throws {
        let dir = try TempDir()
        _ = try dir.write("feeds.yaml", "feeds: []\n")
        let config = try dir.write("chipwatch.yaml", "feeds: feeds.yaml\ndictionary: \(CLI.repositoryRoot)/feeds/dictionary.yaml\n")
        let state = dir.path + "/state"
        let store = try Store(directory: state)
        let items = [("a", "Cambricon MLU790 enters mass production", "Cambricon said the Cambricon MLU790 is now in mass production."),
                     ("b", "More on the MLU790", "Cambricon MLU790 shipments began this week, the company said."),
                     ("c", "Known chip", "Huawei has started shipping the Ascend 950PR.")]
            .map { "<item><guid>\($0.0)</guid><title>\($0.1)</title><pubDate>Fri, 20 Mar 2026 08:00:00 GMT</pubDate><description>\($0.2)</description></item>" }
            .joined()
        try store.recordFetched("wire", "<rss version=\"2.0\"><channel><title>t</title>\(items)</channel></rss>",
                                at: Date(timeIntervalSince1970: 1_774_000_000))
        _ = try ParseStage(logger: Logger(label: "test")).run(store: store, now: Date(timeIntervalSince1970: 1_774_000_000))
        #expect(try CLI.run(["extract", "--config", config, "--state-dir", state]).status == 0)
        let result = try CLI.run(["dictionary", "suggest", "--config", config, "--state-dir", state, "--format", "json"])
        #expect(result.status == 0)
        func lines(_ text: String) -> [[String: Any]] {
            text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
        let rows = lines(result.stdout)
        #expect(rows.count == 1)
        #expect(rows.first?["name"] as? String == "Cambricon MLU790")
        #expect(rows.first?["signals"] as? Int == 2)
        #expect(rows.first?["events"] as? [String] == ["ship"])
        let signals = try CLI.run(["signals", "--config", config, "--state-dir", state, "--format", "json", "--product", "MLU790"])
        let listed = lines(signals.stdout)
        #expect(listed.count == 2 && listed.allSatisfy { $0["known"] as? Bool == false })
    }
}
