import Foundation
import TestSupport
import Testing

/// `chipwatch serve` on a PostgreSQL store, logged in as a role that may only read.
@Suite("Web view on PostgreSQL", .serialized)
struct WebPostgresTests {
    let server: PrivatePostgres
    init() throws { server = try PrivatePostgres.shared.get() }

    @Test("serve reads a PostgreSQL store through a SELECT-only role: the same signals and board as on SQLite")
    func readOnlyRole() throws {
        let web = try WebServe()
        _ = try web.dir.write("pg-password", server.password + "\n")
        let database = try server.createDatabase()
        let url = "postgres://chipwatch@localhost:\(server.port)/\(database)?host=\(server.folder)"
        let copied = try web.cw(["store", "copy", "--to", url, "--password-file", web.dir.path + "/pg-password", "--tls", "disable"])
        #expect(copied.status == 0, "\(copied.stderr)")
        // The role the README advises: it may connect and read, nothing more.
        let role = "web_" + database
        try server.sql("CREATE ROLE \(role) LOGIN PASSWORD 'reader-pass'")
        try server.sql("GRANT CONNECT ON DATABASE \(database) TO \(role)")
        try server.sql("GRANT USAGE ON SCHEMA public TO \(role); GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)", database: database)
        _ = try web.dir.write("reader-password", "reader-pass\n")
        let config = try String(contentsOfFile: web.config, encoding: .utf8)
        let pgConfig = try web.dir.write("chipwatch-pg.yaml", config + """
            store:
              url: postgres://\(role)@localhost:\(server.port)/\(database)?host=\(server.folder)
              password_file: \(web.dir.path)/reader-password
              tls: disable

            """)
        try web.start(configPath: pgConfig)
        let page = try web.get("/api/v1/signals?limit=500")
        let served = try JSONValue.read(Data(page.body.utf8), as: [String: Any].self)["items"] as? [[String: Any]] ?? []
        let cli = try web.cw(["signals", "--format", "json"]).stdout.split(separator: "\n")
            .map { try JSONValue.read(Data($0.utf8), as: [String: Any].self) }
        #expect(page.status == 200 && cli.count > 3)
        #expect(Set(served.compactMap { $0["id"] as? Int }) == Set(cli.compactMap { $0["id"] as? Int }))
        let board = try web.get("/")
        let row = WebServeTests.element(board.body, "<tr data-milestone=\"huawei-ascend-950pr\">", "</tr>")
        #expect(board.status == 200 && row.contains("<span class=\"state shipped\">shipped</span>"), "\(row)")
        for path in ["/signals?event=slip", "/alerts", "/alerts/1", "/feeds", "/report", "/milestones/huawei-ascend-950dt",
                     "/api/v1/milestones", "/api/v1/alerts", "/api/v1/feeds", "/healthz"] {
            #expect(try web.get(path).status == 200, "\(path)")
        }
        let log = web.stop()
        #expect(!log.contains("permission denied"), "\(log)")
    }
}
