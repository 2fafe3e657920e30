import Foundation

/// The losses a model can be trained with. Labels are digits (integers), as Keras'
/// `sparse_categorical_crossentropy`; for `mse` they are turned into one-hot rows.
///
/// For one example with outputs y (k values) and label t:
///
/// * `crossentropy` — Keras' sparse categorical cross-entropy on probabilities: each output is
///   clipped to c_j = clip(y_j, ε, 1 − ε) with ε = 1e-7, then
///   L = −log(c_t / Σ_j c_j) = −log c_t + log Σ_j c_j.
///   For softmax outputs Σ_j c_j ≈ 1 and this is the familiar −log y_t. Other outputs (sigmoid)
///   are rescaled to sum to one first, exactly as Keras does.
///   Gradient: dL/dy_j = 1/Σc − [j = t]/c_t where y_j is inside the clip range, 0 outside.
///   Behind a softmax the two fuse into dL/dz = y − onehot(t) (see ``fusesWithSoftmax``).
/// * `mse` — mean squared error against the one-hot label: L = (1/k) Σ_j (y_j − onehot(t)_j)²,
///   dL/dy_j = (2/k)(y_j − onehot(t)_j).
///
/// The batch loss is the mean over its examples, so every gradient is also divided by the batch size.
public enum Loss: String, CaseIterable, Sendable, Codable {
    case crossentropy
    case mse

    /// Keras' fuzz factor ε for clipping probabilities.
    public static let epsilon: Float = 1e-7

    /// The loss called `name` (case-insensitive): its own name or one of its ``otherNames``.
    public static func named(_ name: String) -> Loss? {
        let name = name.lowercased()
        return allCases.first { $0.rawValue == name || $0.otherNames.contains(name) }
    }

    /// Keras' names for this loss, which the language accepts too; the first is the one Keras uses.
    public var otherNames: [String] {
        switch self {
        case .crossentropy: return ["sparse_categorical_crossentropy", "categorical_crossentropy"]
        case .mse: return ["mean_squared_error"]
        }
    }

    /// Keras' name for this loss.
    public var kerasName: String { otherNames.first ?? rawValue }

    /// Whether, behind `activation`, the gradient with respect to the pre-activations is simply
    /// y − onehot(t): true for cross-entropy after softmax.
    public func fusesWithSoftmax(_ activation: Activation) -> Bool {
        self == .crossentropy && activation == .softmax
    }

    /// The summed loss of `rows` examples (outputs `y`, `cols` per row, labels `labels`).
    /// When `gradient` is given it receives dL/dy of the *mean* loss — or dL/dz when
    /// `fused` (cross-entropy behind softmax).
    func evaluate(
        outputs y: UnsafePointer<Float>, labels: UnsafePointer<UInt8>, rows: Int, cols: Int,
        gradient: UnsafeMutablePointer<Float>?, fused: Bool
    ) -> Double {
        var total: Double = 0
        let scale = 1 / Float(rows)
        let eps = Loss.epsilon
        for r in 0..<rows {
            let row = y + r * cols
            let target = Int(labels[r])
            let g = gradient.map { $0 + r * cols }
            switch self {
            case .crossentropy:
                var sum: Float = 0
                for c in 0..<cols { sum += min(max(row[c], eps), 1 - eps) }
                let ct = min(max(row[target], eps), 1 - eps)
                total += Double(-log(ct) + log(sum))
                guard let g else { continue }
                if fused {
                    for c in 0..<cols { g[c] = row[c] * scale }
                    g[target] -= scale
                } else {
                    for c in 0..<cols {
                        let inside = row[c] > eps && row[c] < 1 - eps
                        var d = 1 / sum
                        if c == target { d -= 1 / ct }
                        g[c] = inside ? d * scale : 0
                    }
                }
            case .mse:
                var sum: Float = 0
                let k = Float(cols)
                for c in 0..<cols {
                    let diff = row[c] - (c == target ? 1 : 0)
                    sum += diff * diff
                    g?[c] = 2 * diff / k * scale
                }
                total += Double(sum / k)
            }
        }
        return total
    }
}
