// swift-tools-version:6.0
// chipwatch: watches the AI-chip supply chain. Module map in README.md ("Architecture").
import PackageDescription

let package = Package(
    name: "chipwatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chipwatch", targets: ["chipwatch"]),
        .executable(name: "chipwatch-fuzz", targets: ["chipwatch-fuzz"]),
        .executable(name: "chipwatch-bench-parse", targets: ["chipwatch-bench-parse"]),
        .executable(name: "chipwatch-bench-extract", targets: ["chipwatch-bench-extract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        // zlib for stored document bodies (links the system's libz: zlib1g-dev).
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        // The shared store of several hosts (a `store: url:` in chipwatch.yaml), and its TLS.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        // `chipwatch serve`: the HTTP server, and bcrypt for its users file.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        // C libraries: each is imported by exactly one Swift wrapper module.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),

        // Value types shared by every module; no I/O.
        .target(name: "Core", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The only importer of CCurl / CLibXML2.
        .target(name: "Curl", dependencies: ["CCurl", "Core"]),
        .target(name: "XML", dependencies: ["CLibXML2", "Core"]),
        // The embedded SQLite store and the YAML configuration.
        .target(name: "Store", dependencies: [
            "Core", "Wire", "StoreRows", .product(name: "GRDB", package: "GRDB.swift"),
            // For SQLITE_FCNTL_PERSIST_WAL (the read-only web view), which GRDB documents but does not wrap.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "CompressNIO", package: "compress-nio"),
        ]),
        .target(name: "Config", dependencies: ["Core", "Yams"]),
        // What both stores share: the rows (items, signals, milestones, history, alerts, deliveries) as
        // Codable structs, the story index and the stats queries; no database code.
        .target(name: "StoreRows", dependencies: ["Core"]),
        // The PostgreSQL store: connection, TLS and the numbered schema, over postgres-nio.
        .target(name: "PostgresStore", dependencies: [
            "Core", "Wire", "StoreRows", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Stages: each takes Core values and returns Core values.
        .target(name: "Fetch", dependencies: [
            "Core", "Curl", .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Parse", dependencies: [
            "Core", "XML", .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Extract", dependencies: [
            "Core", .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Rules", dependencies: [
            "Core", .product(name: "Logging", package: "swift-log"),
        ]),
        // What investors read: the HTML report, the Atom feed of alerts.
        .target(name: "Review", dependencies: ["Core", "Wire"]),
        // The only stage that holds credentials.
        .target(name: "Notify", dependencies: [
            "Core", "Curl", "Wire", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // `chipwatch serve`: the read-only web view (pages, JSON API, login) over a ReviewStore.
        .target(name: "Web", dependencies: [
            "Core", "Review", "Wire", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            // gzip for the large answers kept between requests (the report).
            .product(name: "CompressNIO", package: "compress-nio"),
        ]),
        // The versioned public JSON shapes (Codable), one per schema in Tests/Fixtures.
        .target(name: "Wire", dependencies: ["Core"]),
        // The one executable: wiring only.
        .executableTarget(name: "chipwatch", dependencies: [
            "Core", "Store", "Config", "Fetch", "Parse", "Extract", "Rules", "Notify", "Review", "Wire", "PostgresStore", "Web",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // libFuzzer target for the parser; without -DFUZZING it replays saved inputs.
        .executableTarget(name: "chipwatch-fuzz", dependencies: ["Parse", "XML"]),
        // The parse benchmark's chipwatch side (Tests/Benchmarks/parse-bench.sh).
        .executableTarget(name: "chipwatch-bench-parse", dependencies: ["Core", "Parse", "XML"]),
        // The extract benchmark (Tests/Benchmarks/extract-bench.sh).
        .executableTarget(name: "chipwatch-bench-extract", dependencies: ["Config", "Core", "Extract"]),
        // Helpers both test tiers share (temporary directories, the checkout's files).
        .target(name: "TestSupport", dependencies: ["Core"], path: "Tests/TestSupport"),
        // The fast tier: pure logic, one target per module, no servers, processes or network.
        .testTarget(name: "CoreTests", dependencies: ["Core", "TestSupport"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "Core", "TestSupport"]),
        .testTarget(name: "ParseTests", dependencies: [
            "Core", "Parse", "Wire", "XML", "TestSupport", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "ExtractTests", dependencies: [
            "Config", "Core", "Extract", "TestSupport", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "FetchTests", dependencies: ["Core", "Fetch", "Curl", "TestSupport"]),
        .testTarget(name: "RulesTests", dependencies: [
            "Core", "Rules", "TestSupport", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "NotifyTests", dependencies: [
            "Core", "Notify", "TestSupport", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "ReviewTests", dependencies: ["Core", "Review", "TestSupport"]),
        // The web view's pure parts: query parsing, escaping, the login throttle and sessions.
        .testTarget(name: "WebTests", dependencies: [
            "Core", "Web", "TestSupport", .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "CompressNIO", package: "compress-nio"),
        ]),
        // The integration tier: the real store, real servers on loopback, subprocesses, systemd.
        .testTarget(name: "IntegrationTests", dependencies: [
            "Core", "Store", "Config", "Fetch", "Parse", "Extract", "Rules", "Notify", "Review", "Curl", "XML", "TestSupport",
            "PostgresStore", "StoreRows",
            // To turn a store back into what an earlier schema left (the migration tests).
            .product(name: "GRDB", package: "GRDB.swift"),
        ], exclude: ["Support"]),
    ],
    swiftLanguageModes: [.v6]
)
