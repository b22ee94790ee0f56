import Foundation
import Testing
@testable import Core

@Suite("Parallel map")
struct ParallelTests {
    @Test("results come back in input order, whatever the number of workers", arguments: [1, 2, 3, 7, 64])
    func inOrder(workers: Int) {
        let input = Array(0..<1_000)
        #expect(Parallel.map(input, workers: workers) { $0 * $0 } == input.map { $0 * $0 })
    }

    @Test("each worker makes its context once and uses it for every element it takes")
    func contextPerWorker() {
        // The context counts the elements its worker handled: the counts add up to the input,
        // and no worker saw more than its share (every `workers`-th element).
        final class Counter: @unchecked Sendable { var handled = 0 }
        let results = Parallel.map(Array(0..<100), workers: 4, context: { Counter() }) { counter, element in
            counter.handled += 1
            // (The counter itself is returned: kept alive, no two contexts share an address.)
            return (element, counter, counter.handled)
        }
        #expect(results.map(\.0) == Array(0..<100))
        let byContext = Dictionary(grouping: results, by: { ObjectIdentifier($0.1) })
        #expect(byContext.count == 4)
        #expect(byContext.values.allSatisfy { $0.count == 25 && $0.map(\.2).max() == 25 })
    }

    @Test("an empty input gives an empty result")
    func empty() {
        #expect(Parallel.map([Int](), workers: 2) { $0 }.isEmpty)
    }

    @Test("a background value is computed on another thread and handed over whole")
    func background() {
        let caller = pthread_self()
        let work = Background { () -> (sum: Int, elsewhere: Bool) in
            (Array(1...1_000).reduce(0, +), pthread_equal(pthread_self(), caller) == 0)
        }
        let value = work.wait()
        #expect(value.sum == 500_500)
        #expect(value.elsewhere)
    }
}
