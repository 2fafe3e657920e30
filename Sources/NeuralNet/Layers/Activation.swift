import Foundation

/// The activation functions a dense layer can apply to its pre-activations `z`, looked up by name
/// in one registry (``Activation/named(_:)``), as Keras' `activations.get` does.
///
/// | name      | output y = f(z)                          | derivative used in backprop            |
/// |-----------|------------------------------------------|----------------------------------------|
/// | `linear`  | z                                        | dz = dy                                |
/// | `sigmoid` | 1 / (1 + e^(−z)), each value in (0, 1)   | dz = dy · y · (1 − y)                  |
/// | `relu`    | max(0, z)                                | dz = dy · [z > 0]                      |
/// | `tanh`    | (e^z − e^(−z)) / (e^z + e^(−z))          | dz = dy · (1 − y²)                     |
/// | `softmax` | e^(z_i − m) / Σ_j e^(z_j − m), m = max z | dz_i = y_i · (dy_i − Σ_j dy_j · y_j)   |
///
/// Softmax acts on a whole row (one example) and subtracts the row's maximum first, which leaves
/// the result unchanged but keeps e^x from overflowing: softmax([1000, 0, −1000]) is finite.
public enum Activation: String, CaseIterable, Sendable, Codable {
    /// In the order the language reference lists them, which every list of activations follows.
    case sigmoid, relu, tanh, softmax, linear

    /// The activation called `name` (case-insensitive), or nil.
    public static func named(_ name: String) -> Activation? {
        Activation(rawValue: name.lowercased())
    }

    /// All names, for help texts and suggestions.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// Applies the activation in place to `rows` rows of `cols` values at `z`.
    func apply(_ z: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        let count = rows * cols
        switch self {
        case .linear:
            return
        case .sigmoid:
            Kernels.sigmoid(z, count: count)
        case .relu:
            for i in 0..<count { z[i] = max(0, z[i]) }
        case .tanh:
            for i in 0..<count { z[i] = Foundation.tanh(z[i]) }
        case .softmax:
            guard cols > 0 else { return }
            for r in 0..<rows {
                let row = z + r * cols
                var top = row[0]
                for c in 1..<cols { top = max(top, row[c]) }
                var sum: Float = 0
                for c in 0..<cols {
                    let e = exp(row[c] - top)
                    row[c] = e
                    sum += e
                }
                let scale = 1 / sum
                for c in 0..<cols { row[c] *= scale }
            }
        }
    }

    /// Turns dL/dy (in `gradient`) into dL/dz in place, given the activation's output `y`.
    /// Every derivative here is expressed through y, so the pre-activations need not be kept.
    func backpropagate(
        _ gradient: UnsafeMutablePointer<Float>, output y: UnsafePointer<Float>, rows: Int, cols: Int
    ) {
        let count = rows * cols
        switch self {
        case .linear:
            return
        case .sigmoid:
            for i in 0..<count { gradient[i] *= y[i] * (1 - y[i]) }
        case .relu:
            for i in 0..<count where y[i] <= 0 { gradient[i] = 0 }
        case .tanh:
            for i in 0..<count { gradient[i] *= 1 - y[i] * y[i] }
        case .softmax:
            for r in 0..<rows {
                let g = gradient + r * cols
                let s = y + r * cols
                var dot: Float = 0
                for c in 0..<cols { dot += g[c] * s[c] }
                for c in 0..<cols { g[c] = s[c] * (g[c] - dot) }
            }
        }
    }

    /// The activation applied to one vector (the math playground's `show softmax V`).
    public func callAsFunction(_ values: [Float]) -> [Float] {
        guard !values.isEmpty else { return [] }
        var out = values
        out.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { apply(base, rows: 1, cols: buffer.count) }
        }
        return out
    }

    /// Whether each output depends on its own input only (every activation but softmax).
    public var isElementwise: Bool { self != .softmax }

    /// The slope f′(z) at each value of `z`: the factor backpropagation multiplies dL/dy by.
    /// sigmoid y·(1 − y), relu [z > 0], tanh 1 − y², linear 1, with y = f(z). Only for an
    /// elementwise activation (softmax's derivative is a matrix: each output moves with every input).
    public func derivative(_ z: [Float]) -> [Float] {
        precondition(isElementwise, "softmax has no elementwise derivative")
        let y = self(z)
        var slope = [Float](repeating: 1, count: z.count)
        slope.withUnsafeMutableBufferPointer { s in
            y.withUnsafeBufferPointer { o in
                if let gradient = s.baseAddress, let output = o.baseAddress {
                    backpropagate(gradient, output: output, rows: 1, cols: s.count)
                }
            }
        }
        return slope
    }
}
