import Core
import Foundation

/// The JSON form of signals, shared by `extract-text`, `signals --format json` and the
/// export: snake_case keys, and null (never a missing key) where a value is absent.
public enum SignalJSON {
    public static func object(_ s: Signal) -> [String: Any] {
        [
            "vendors": s.vendors,
            "product": s.product ?? NSNull(),
            "event": s.event.rawValue,
            "modality": s.modality.rawValue,
            "window": s.window?.description ?? NSNull(),
            "window_text": s.windowText ?? NSNull(),
            "quantities": s.quantities.map(quantity),
            "evidence": ["text": s.evidence.text, "field": s.evidence.field, "start": s.evidence.start, "end": s.evidence.end],
            "confidence": s.confidence,
            "lists": s.lists,
            "regulators": s.regulators,
            "products": s.products,
            "known": s.known,
            "extractor_version": s.extractorVersion,
        ]
    }

    public static func quantity(_ q: Quantity) -> [String: Any] {
        ["value": q.value, "unit": q.unit, "precision": q.precision ?? NSNull(), "kind": q.kind]
    }

    /// One line: sorted keys, no escaped slashes.
    public static func line(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
