import Core
import Foundation
@testable import Notify
import Testing

/// What one delivery attempt comes to, as a table: the send's result and the delivery's
/// history in; sent, retry (when) or dead out.
@Suite("Delivery attempts")
struct AttemptOutcomeTests {
    static let created = Date(timeIntervalSince1970: 1_780_000_000)

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var result: SendResult
        var attemptsBefore = 0
        var ageSeconds: Double = 60
        /// "sent", "dead: <error>", or "retry" with the wait band in seconds.
        var expected: String
        var wait: ClosedRange<Double>? = nil
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "accepted is sent", result: .ok(code: 200), expected: "sent"),
        Row(name: "a permanent refusal is dead at once", result: .permanent(code: 400, error: "HTTP 400"),
            expected: "dead: HTTP 400"),
        Row(name: "a first temporary failure retries after about 30 s", result: .temporary(code: 503, error: "HTTP 503", retryAfter: nil),
            expected: "retry", wait: 22.5...37.5),
        Row(name: "the wait doubles per failure", result: .temporary(code: nil, error: "timeout", retryAfter: nil), attemptsBefore: 3,
            expected: "retry", wait: 180...300),
        Row(name: "the wait never passes six hours", result: .temporary(code: nil, error: "timeout", retryAfter: nil),
            attemptsBefore: 6, ageSeconds: 60, expected: "retry", wait: 1440...(6 * 3600)),
        Row(name: "a longer Retry-After is honoured", result: .temporary(code: 429, error: "HTTP 429", retryAfter: 900),
            expected: "retry", wait: 900...900),
        Row(name: "a shorter Retry-After does not shorten the backoff",
            result: .temporary(code: 429, error: "HTTP 429", retryAfter: 1), expected: "retry", wait: 22.5...37.5),
        Row(name: "the last attempt allowed gives up", result: .temporary(code: 503, error: "HTTP 503", retryAfter: nil),
            attemptsBefore: 7, expected: "dead: HTTP 503 (gave up after 8 attempts)"),
        Row(name: "a delivery older than the age allowed gives up",
            result: .temporary(code: 503, error: "HTTP 503", retryAfter: nil), ageSeconds: 2 * 86_400,
            expected: "dead: HTTP 503 (gave up after 1 attempts)"),
    ]

    @Test("outcome", arguments: rows)
    func outcome(_ row: Row) {
        let delivery = Delivery(id: 1, key: "k", receiver: "hook", state: .pending, entries: [], attempts: row.attemptsBefore,
                                created: Self.created, nextAttempt: Self.created, lastAttempt: nil, lastCode: nil, lastError: nil,
                                sentAt: nil)
        let now = Self.created.addingTimeInterval(row.ageSeconds)
        let outcome = NotifyStage.outcome(of: row.result, delivery: delivery, settings: DeliverySettings(), now: now)
        switch outcome {
        case .sent:
            #expect(row.expected == "sent")
        case .dead(_, let error):
            #expect(row.expected == "dead: \(error)")
        case .retry(_, _, let notBefore):
            #expect(row.expected == "retry")
            let wait = notBefore.timeIntervalSince(now)
            #expect(row.wait?.contains(wait) == true, "waited \(wait) s")
        }
    }
}
