import Foundation

/// A logistic model of how often a signal is right, given what the extractor saw when it
/// read it (its features, such as `kind:ship` or `product:focal`). Trained offline on the
/// labelled set's tune split (Tests/Evaluation/train-confidence.py) and shipped as a file;
/// nothing is learned at run time.
public struct ConfidenceModel: Sendable, Equatable {
    public var bias: Double
    public var weights: [String: Double]

    public init(bias: Double, weights: [String: Double]) {
        self.bias = bias
        self.weights = weights
    }

    /// The probability for a set of features; features the model does not know weigh nothing.
    public func probability(_ features: [String]) -> Double {
        let score = features.reduce(bias) { $0 + (weights[$1] ?? 0) }
        return 1 / (1 + exp(-score))
    }
}
