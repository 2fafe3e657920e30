import Foundation
import TextFormat

/// A JSON value as parsed by Foundation's `JSONDecoder`, kept whole so that a model file's header
/// can be checked field by field, each problem named by its path (see ``HeaderField``).
///
/// A number keeps every reading `JSONDecoder` gives it — as `Int`, `UInt64`, `Double` and
/// `Float` — so that each field takes its value exactly as a typed decode would (a `Float` read
/// straight from the text, not rounded twice through `Double`).
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case string(String)
    case number(JSONNumber)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var fields: [String: JSONValue] = [:]
            for key in object.allKeys { fields[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(fields)
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                self = .null
            } else if let bool = try? value.decode(Bool.self) {
                self = .bool(bool)
            } else if let string = try? value.decode(String.self) {
                self = .string(string)
            } else if let double = try? value.decode(Double.self) {
                self = .number(JSONNumber(
                    double: double, float: try? value.decode(Float.self),
                    int: try? value.decode(Int.self), uint64: try? value.decode(UInt64.self)))
            } else {
                throw DecodingError.dataCorruptedError(in: value, debugDescription: "not a JSON value")
            }
        }
    }

    /// The value as an error message shows what was found: `"256"`, `1.5`, `[0, 28]`, `an object`.
    var found: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return ModelFileError.quoted(s.count > 40 ? String(s.prefix(40)) + "…" : s)
        case .number(let n): return n.text
        case .array(let items):
            if items.isEmpty { return "an empty list" }
            if items.count <= 8, items.allSatisfy(\.isScalar) { return "[" + items.map(\.found).joined(separator: ", ") + "]" }
            return "a list of \(Thousands.counted(items.count, "value"))"
        case .object: return "an object"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A JSON number, read each way it can be.
struct JSONNumber: Equatable {
    var double: Double
    /// Nil when the number does not fit a `Float`.
    var float: Float?
    /// Nil unless the number is whole and fits an `Int`.
    var int: Int?
    /// Nil unless the number is whole, not negative, and fits a `UInt64`.
    var uint64: UInt64?

    /// `256`, `1.5`, `18446744073709551615`.
    var text: String {
        if let int { return String(int) }
        if let uint64 { return String(uint64) }
        return String(double)
    }
}
