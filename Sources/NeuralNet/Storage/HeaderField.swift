/// One field of a model file's header, found by its path (`optimizer.learning_rate`,
/// `layers[1].units`), read with checks: each accessor returns the value or throws a
/// ``ModelFileError`` naming the path, what was there and what should have been.
struct HeaderField {
    let file: String
    /// The path as JSON would write it; empty for the header itself.
    let path: String
    /// Nil when the field is absent.
    let value: JSONValue?

    /// The value; throws when the field is absent.
    func required() throws(ModelFileError) -> JSONValue {
        guard let value else { throw ModelFileError.missingField(file, path: path) }
        return value
    }

    /// The value, or nil when the field is absent or `null`.
    func optional() -> HeaderField? {
        guard let value, value != .null else { return nil }
        return self
    }

    /// The error for a value that is not `expected` (a phrase: "a whole number", "at least 1").
    func wrong(_ expected: String) -> ModelFileError {
        ModelFileError.wrongValue(file, path: path, found: value?.found ?? "nothing", expected: expected)
    }

    func object() throws(ModelFileError) -> HeaderObject {
        guard case .object(let fields) = try required() else { throw wrong("an object") }
        return HeaderObject(file: file, path: path, fields: fields)
    }

    func array() throws(ModelFileError) -> [HeaderField] {
        guard case .array(let items) = try required() else { throw wrong("a list") }
        return items.enumerated().map { HeaderField(file: file, path: "\(path)[\($0.offset)]", value: $0.element) }
    }

    func string() throws(ModelFileError) -> String {
        guard case .string(let text) = try required() else { throw wrong("text") }
        return text
    }

    /// A whole number that fits an `Int` and is at least `minimum`.
    func int(atLeast minimum: Int = .min) throws(ModelFileError) -> Int {
        guard case .number(let n) = try required(), let int = n.int else { throw wrong(wholeNumber(minimum)) }
        guard int >= minimum else { throw wrong(wholeNumber(minimum)) }
        return int
    }

    func uint64() throws(ModelFileError) -> UInt64 {
        guard case .number(let n) = try required(), let value = n.uint64 else {
            throw wrong("a whole number from 0 to \(UInt64.max)")
        }
        return value
    }

    /// A number; non-finite ones are written as the texts `NaN`, `Infinity` and `-Infinity`.
    func double() throws(ModelFileError) -> Double {
        switch try required() {
        case .number(let n): return n.double
        case .string(let text): if let special = Self.nonFinite(text) { return special }
        default: break
        }
        throw wrong("a number")
    }

    /// A number that fits a `Float`, read as `Float` directly; non-finite ones as for ``double()``.
    func float() throws(ModelFileError) -> Float {
        switch try required() {
        case .number(let n): if let float = n.float { return float }
        case .string(let text): if let special = Self.nonFinite(text) { return Float(special) }
        default: break
        }
        throw wrong("a number")
    }

    private func wholeNumber(_ minimum: Int) -> String {
        minimum == .min ? "a whole number" : minimum == 1 ? "a whole number of at least 1" : "a whole number of at least \(minimum)"
    }

    /// The number a non-finite number's text stands for (see ``ModelFileHeader/NonFinite``).
    private static func nonFinite(_ text: String) -> Double? {
        switch text {
        case ModelFileHeader.NonFinite.nan: return .nan
        case ModelFileHeader.NonFinite.infinity: return .infinity
        case ModelFileHeader.NonFinite.negativeInfinity: return -.infinity
        default: return nil
        }
    }
}

/// A JSON object in the header. Fields are taken by name; ``finish()`` then refuses any field
/// that was not taken, so a misspelled or foreign field is reported rather than ignored.
final class HeaderObject {
    let file: String
    let path: String
    private let fields: [String: JSONValue]
    private var taken: Set<String> = []

    init(file: String, path: String, fields: [String: JSONValue]) {
        self.file = file
        self.path = path
        self.fields = fields
    }

    /// The field `key`, marked as taken.
    func field(_ key: String) -> HeaderField {
        taken.insert(key)
        return HeaderField(file: file, path: path.isEmpty ? key : "\(path).\(key)", value: fields[key])
    }

    /// Throws for the first (alphabetically) field that was not taken.
    func finish() throws(ModelFileError) {
        if let extra = fields.keys.filter({ !taken.contains($0) }).sorted().first {
            throw ModelFileError.unknownField(file, path: path.isEmpty ? extra : "\(path).\(extra)")
        }
    }
}
