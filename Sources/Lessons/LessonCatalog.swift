import Foundation

/// The `.lesson` files of a folder (`lessons/`), by file stem, and how `tutor lesson NAME` finds
/// one: the exact stem, or a prefix only one stem starts with.
public struct LessonCatalog: Sendable {
    public let folder: String
    /// The stems, sorted (`00-sample`, `01-images`, …).
    public let stems: [String]

    public init(folder: String) {
        self.folder = folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        stems = names.filter { $0.hasSuffix(".lesson") }.map { LessonWorkspace.stem(ofLessonFile: $0) }.sorted()
    }

    /// The file of the lesson `stem`.
    public func path(of stem: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + stem + ".lesson"
    }

    /// The stem `name` means: itself, or the one stem it is a prefix of; otherwise a sentence
    /// saying what went wrong (no such lesson, or which lessons the prefix fits).
    public func resolve(_ name: String) -> Result<String, LessonCatalogError> {
        let wanted = LessonWorkspace.stem(ofLessonFile: name)
        if stems.contains(wanted) { return .success(wanted) }
        let matches = stems.filter { $0.hasPrefix(wanted) }
        if matches.count == 1 { return .success(matches[0]) }
        if matches.isEmpty {
            let known = stems.isEmpty ? "there are no lessons in \(folder)" : "the lessons are " + stems.joined(separator: ", ")
            return .failure(LessonCatalogError(message: "no lesson called `\(name)`; \(known)"))
        }
        return .failure(LessonCatalogError(message: "`\(name)` fits several lessons: \(matches.joined(separator: ", ")); type more of the name"))
    }

    /// Reads and parses the lesson `stem`.
    public func lesson(_ stem: String) throws -> Lesson {
        let file = path(of: stem)
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw LessonCatalogError(message: "cannot read \(file)")
        }
        return try LessonParser.parse(text, file: file)
    }
}

/// Why a lesson name or file could not be used.
public struct LessonCatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
