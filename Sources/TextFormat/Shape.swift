/// Shapes written as Keras writes them.
public enum Shape {
    /// `[28, 28]` → `(28, 28)`; with `batch: true` → `(None, 28, 28)`.
    public static func text(_ shape: [Int], batch: Bool = false) -> String {
        let parts = (batch ? ["None"] : []) + shape.map(String.init)
        return "(" + parts.joined(separator: ", ") + (parts.count == 1 ? ",)" : ")")
    }
}
