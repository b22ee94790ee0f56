import Foundation

/// Independent work spread over every core, results in input order: extraction of a batch of
/// items (each item read alone) is the case, on the 2-core machines chipwatch runs on.
public enum Parallel {
    /// The cores this process may run on.
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `transform` applied to every element on `workers` threads; each worker makes its own
    /// `context` once (a decoder, a buffer) and takes every `workers`-th element.
    public static func map<Element: Sendable, Context, Result>(_ elements: [Element], workers: Int = cores,
                                                              context: @escaping @Sendable () -> Context,
                                                              _ transform: @escaping @Sendable (inout Context, Element) -> Result) -> [Result] {
        let count = elements.count
        let workers = max(1, min(workers, count))
        if workers == 1 {
            var state = context()
            return elements.map { transform(&state, $0) }
        }
        let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        // Each slot is written by exactly one worker and read after every worker has returned.
        nonisolated(unsafe) let shared = slots
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var state = context()
            for index in stride(from: worker, to: count, by: workers) {
                shared[index] = transform(&state, elements[index])
            }
        }
        return slots.map { $0! }
    }

    /// `transform` applied to every element on every core, in order.
    public static func map<Element: Sendable, Result>(_ elements: [Element], workers: Int = cores,
                                                      _ transform: @escaping @Sendable (Element) -> Result) -> [Result] {
        map(elements, workers: workers, context: { () }) { _, element in transform(element) }
    }
}

/// A value computed on another thread while the caller goes on (the next batch read while this
/// one is stored): `wait` blocks until it is there and returns it.
public final class Background<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the worker before `done` is signalled, read only after waiting on it.
    private var value: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async { [self] in
            value = work()
            done.signal()
        }
    }

    /// The value; call once.
    public func wait() -> Value {
        done.wait()
        return value!
    }
}
