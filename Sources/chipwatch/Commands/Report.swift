// SECURITY: reads the store and writes one file; no network, no credentials.
import ArgumentParser
import Core
import Foundation
import PostgresStore
import Review
import Store

/// `chipwatch report`: one self-contained HTML (or Markdown) file for investors.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained report: roadmap timeline (inline SVG), milestones, export controls, alerts with evidence.")

    enum Format: String, ExpressibleByArgument { case html, md }

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The file to write.", valueName: "path")) var out: String
    @Option(help: ArgumentHelp("Render what was known at this time (ISO 8601); default now.", valueName: "time")) var at: String?
    @Option(help: "html or md.") var format: Format = .html

    func validate() throws {
        if let at, Timestamp.parse(at) == nil { throw ValidationError("--at: \"\(at)\" is not a time such as 2026-06-30") }
    }

    func run() throws {
        let store = try global.openReviewStore()
        let when = at.flatMap(Timestamp.parse) ?? Date()
        let milestones = try store.milestoneViews(at: at == nil ? nil : when, evidence: .summary).inRoadmapOrder(global.roadmapForOrder())
        // The log is read with a cursor, only the claims the report can show (chosen in SQL);
        // of those, only what the report shows is kept.
        let data = try ReportData.read(from: store, at: when, milestones: milestones)
        // Written as it is made, to a file that replaces the target only when complete.
        do {
            try ReplacedFile.write(out) { file in
                if format == .html { Report.html(data) { file.write($0) } } else { file.write(Report.markdown(data)) }
            }
        } catch let failure as ReplacedFile.Failure {
            printError("chipwatch report: \(failure)")
            throw ExitCode(ExitStatus.ioError)
        }
        print("report: \(out) (\(data.milestones.count) milestones, \(data.alertCount) alerts, as of \(Timestamp.format(when)))")
    }
}

/// `chipwatch verify-log`: checks the audit log's hash chain.
struct VerifyLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-log",
        abstract: "Check the hash chain of the audit log (signals, transitions, alerts); name the first entry changed or removed.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let verdict: AuditVerdict
        if let shared = try global.openPostgresStageStore() {
            // Checked against this host's audit.head: entries cut from the end after this host last appended go unnoticed.
            let head = (try? String(contentsOfFile: global.auditHeadPath, encoding: .utf8)).flatMap(AuditChain.Head.init(text:))
            verdict = try runStoreCheck { try shared.verifyAuditLog(head: head) }
        } else {
            verdict = try global.openStore().verifyAuditLog()
        }
        if verdict.intact {
            print("audit log: \(verdict.entries) entries, chain intact\(verdict.headHash.map { " (head \($0.prefix(16)))" } ?? "")")
        } else {
            print("audit log: \(verdict.entries) entries, NOT intact: \(verdict.problem ?? "?")")
            throw ExitCode(ExitStatus.dataError)
        }
    }
}
