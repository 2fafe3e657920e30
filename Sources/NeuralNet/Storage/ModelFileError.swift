import Files
import Foundation
import TextFormat

/// A model file that cannot be read or written, and why: a ``FileError`` (the one "this file is
/// wrong" error, `FILE PROBLEM`) — `digits.tut is truncated: the weights need 814,120 bytes after
/// the header, found 814,000` — naming what was found and what was expected.
///
/// Every way a model file can be wrong has its own wording, made by one of the functions below,
/// so that all the texts a learner can meet are in this one place (those of reading and writing
/// a file are ``FileError``'s own, shared by every file tutor reads or writes). What they quote from
/// the file — a field's name, a text value, a tensor's name — is shown with its controls visible
/// (``VisibleText``).
public typealias ModelFileError = FileError

// MARK: - The frame: signature, header length, weights

extension FileError {
    static func empty(_ file: String) -> ModelFileError {
        ModelFileError(file: file, problem: "is empty, not a tutor model file")
    }

    static func notAModelFile(_ file: String) -> ModelFileError {
        ModelFileError(file: file, problem: "is not a tutor model file (it does not begin with the tutor model signature)")
    }

    /// The signature is nearly right: the file was copied as text, which converts line endings.
    static func mangledSignature(_ file: String) -> ModelFileError {
        ModelFileError(file: file, problem: "is damaged: it begins like a tutor model file but its signature has been changed, as copying a file as text does; copy it again as binary")
    }

    static func truncatedSignature(_ file: String, length: Int) -> ModelFileError {
        ModelFileError(file: file, problem: "is truncated: it ends after \(bytes(length)), inside the \(ModelFile.signature.count)-byte signature")
    }

    static func truncatedHeaderLength(_ file: String, length: Int) -> ModelFileError {
        ModelFileError(file: file, problem: "is truncated: it ends after \(bytes(length)), inside the 4-byte header length")
    }

    static func headerBeyondFile(_ file: String, headerLength: Int, available: Int) -> ModelFileError {
        ModelFileError(file: file, problem: "is truncated or damaged: its header length says \(bytes(headerLength)) but only \(bytes(available)) follow")
    }

    static func weightsTooShort(_ file: String, needed: Int, found: Int) -> ModelFileError {
        ModelFileError(file: file, problem: "is truncated: the weights need \(bytes(needed)) after the header, found \(grouped(found))")
    }

    static func weightsTooLong(_ file: String, needed: Int, found: Int) -> ModelFileError {
        ModelFileError(file: file, problem: "has bytes left over at the end: the weights need \(bytes(needed)) after the header, found \(grouped(found))")
    }
}

// MARK: - The header

extension FileError {
    static func invalidJSON(_ file: String) -> ModelFileError {
        ModelFileError(file: file, problem: "has a header that is not valid JSON")
    }

    static func headerNotAnObject(_ file: String) -> ModelFileError {
        ModelFileError(file: file, problem: "has a header that is not a JSON object")
    }

    static func wrongFormat(_ file: String, found: String) -> ModelFileError {
        ModelFileError(file: file, problem: "is not a tutor model file: its header says format \(quoted(found)), not \(quoted(ModelFile.formatName))")
    }

    static func unsupportedVersion(_ file: String, version: Int) -> ModelFileError {
        let newer = version > ModelFile.formatVersion ? " (the file comes from a newer tutor)" : ""
        let versions = ModelFile.readableVersions
        let readable = versions.count == 1 ? "version \(versions.lowerBound)" : versions.count == 2
            ? "versions \(versions.lowerBound) and \(versions.upperBound)" : "versions \(versions.lowerBound) to \(versions.upperBound)"
        return ModelFileError(file: file, problem: "is in version \(version) of the model format; this tutor reads \(readable)\(newer)")
    }

    /// A required field is absent. `path` is written as in JSON: `optimizer.learning_rate`, `layers[1].units`.
    static func missingField(_ file: String, path: String) -> ModelFileError {
        ModelFileError(file: file, problem: "has no `\(path)` in its header")
    }

    /// A field this tutor does not read; `path` ends in the field's name as the file has it.
    static func unknownField(_ file: String, path: String) -> ModelFileError {
        ModelFileError(file: file, problem: "has \(VisibleText.quoted(path)) in its header, which this tutor does not know")
    }

    /// A field of the wrong type or out of range: `found` as the file has it (`"256"`, `0`, `a list`),
    /// `expected` as a phrase (`a whole number`, `at least 1`).
    static func wrongValue(_ file: String, path: String, found: String, expected: String) -> ModelFileError {
        ModelFileError(file: file, problem: "has \(VisibleText.quoted(path)) set to \(VisibleText.of(found)); it should be \(expected)")
    }

    /// A name (layer type, activation, optimizer, loss) this tutor does not know; `known` lists the ones it does.
    static func unknownName(_ file: String, path: String, found: String, kind: String, known: [String]) -> ModelFileError {
        ModelFileError(file: file, problem: "has \(VisibleText.quoted(path)) set to \(quoted(found)), \(article(kind)) this tutor does not know (it knows \(list(known)))")
    }
}

// MARK: - The model the header describes

extension FileError {
    /// A layer cannot follow the ones before it; `error` says why (as when adding it by hand).
    static func unbuildable(_ file: String, layer: Int, error: any Error) -> ModelFileError {
        ModelFileError(file: file, problem: "describes a model that cannot be built: at `layers[\(layer)]`, \(error)")
    }

    /// The tensors listed are not those needed: by the layers, and by the optimizer when
    /// `withOptimizer` (a file that keeps the optimizer's state).
    static func tensorCount(_ file: String, found: Int, needed: [String], withOptimizer: Bool = false) -> ModelFileError {
        let names = needed.isEmpty ? "" : " (\(needed.joined(separator: ", ")))"
        let who = withOptimizer ? "its layers and its optimizer's state need" : "its layers need"
        return ModelFileError(file: file, problem: "has \(Thousands.counted(found, "tensor")) but \(who) \(needed.count)\(names)")
    }

    static func tensorShape(_ file: String, name: String, found: [Int], needed: [Int]) -> ModelFileError {
        ModelFileError(file: file, problem: "says \(VisibleText.of(name)) has shape \(shapeText(found)) but the layers need \(shapeText(needed))")
    }

    /// A tensor of a model in memory (not a file) with the wrong number of values.
    static func tensorValueCount(_ file: String, name: String, found: Int, needed: [Int]) -> ModelFileError {
        ModelFileError(file: file, problem: "has \(Thousands.counted(found, "value")) for \(VisibleText.of(name)) but the layers need \(grouped(needed.reduce(1, *))) (shape \(shapeText(needed)))")
    }

    /// A model that `write` refuses because the file would not read back: `inner` says why.
    static func unsavable(_ file: String, because inner: ModelFileError) -> ModelFileError {
        ModelFileError(file: file, problem: "cannot be written: the model to save \(inner.problem)")
    }
}

// MARK: - Reading files (RegularFile's and AtomicFile's, with FileError's own wording)

extension FileError {
    /// What a model file is, in errors about the file as a whole: `is a directory, not a tutor model file`.
    static let modelFileKind = "a tutor model file"

    static func tooLarge(_ file: String, size: Int, limit: Int) -> ModelFileError {
        tooLarge(file, size: size, limit: limit, expected: modelFileKind)
    }
}

// MARK: - Wording

extension FileError {
    /// 814120 → `814,120`.
    static func grouped(_ value: Int) -> String { Thousands.grouped(value) }

    /// `1 byte`, `814,120 bytes`.
    static func bytes(_ n: Int) -> String { Thousands.counted(n, "byte") }

    /// `[784, 256]`: shapes as the header writes them.
    static func shapeText(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// `"conv2d"` in double quotes, a quote or backslash in it escaped (`\"`, `\\`) and its
    /// controls visible (``VisibleText``: `"\e[2J"`).
    static func quoted(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\"" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "\"" + VisibleText.of(escaped) + "\""
    }

    /// `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "nothing" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }

    private static func article(_ noun: String) -> String {
        (noun.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + noun
    }
}
