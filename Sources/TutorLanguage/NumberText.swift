import Foundation
import NeuralNet

/// Numbers written for people, the way Keras writes them.
public enum NumberText {
    /// 200960 → `200,960`.
    public static func grouped(_ value: Int) -> String { Thousands.grouped(value) }

    /// 1 → `1 unit`, 256 → `256 units` (for `noun` "unit"); 60000 examples → `60,000 examples`.
    public static func counted(_ value: Int, _ noun: String) -> String { Thousands.counted(value, noun) }

    /// `value` with exactly `places` decimals: fixed(0.65900, 4) → `0.6590`.
    public static func fixed(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    /// The shortest text that reads back as `value`: 0.1 → `0.1`, 2 → `2`.
    public static func short(_ value: Float) -> String {
        if value == value.rounded(), abs(value) < 1e7 { return String(Int(value)) }
        return "\(value)"
    }
}
