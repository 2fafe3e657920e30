import Files
import Foundation

/// The `.lesson` files of a folder (`lessons/`), by file stem, and how `tutor lesson NAME` finds
/// one (by ``LessonNames``' rule: number, stem, stem without its number or title, or a unique prefix).
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

    /// Every lesson's names: its stem and its title (read from the file's first line).
    public var names: [LessonName] {
        stems.map { LessonName(stem: $0, title: title(of: $0)) }
    }

    /// The title on the first line of the lesson `stem` (`# Sigmoid versus softmax`), or nil when
    /// the file cannot be read or has no title.
    public func title(of stem: String) -> String? {
        guard let text = try? LessonCatalog.read(path(of: stem)),
              let first = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first,
              first.hasPrefix("#") else { return nil }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        let title = String(first.dropFirst().drop(while: isSpace).reversed().drop(while: isSpace).reversed())
        return title.isEmpty ? nil : title
    }

    /// The stem `name` means (see ``LessonNames``); otherwise a sentence saying what went wrong
    /// and listing the lessons (all of them, or the ones the name fits).
    public func resolve(_ name: String) -> Result<String, LessonCatalogError> {
        guard !stems.isEmpty else {
            return .failure(LessonCatalogError(message: "no lesson called `\(name)`; there are no lessons in \(folder)"))
        }
        switch LessonNames.resolve(name, among: names) {
        case .success(let lesson): return .success(lesson.stem)
        case .failure(let error): return .failure(LessonCatalogError(message: error.message))
        }
    }

    /// The lesson `tutor lesson next` takes after the lesson `current` (see ``LessonNames/next(after:among:)``).
    public func next(after current: String?) -> LessonNames.Next {
        LessonNames.next(after: current, among: names)
    }

    /// Reads and parses the lesson `stem`.
    public func lesson(_ stem: String) throws -> Lesson {
        let file = path(of: stem)
        let text: String
        do {
            text = try LessonCatalog.read(file)
        } catch {
            throw LessonCatalogError(message: "cannot read the lesson: \(error.description)")
        }
        return try LessonParser.parse(text, file: file)
    }

    /// What a lesson file is, in errors about the file as a whole.
    static let lessonKind = "a lesson file"

    /// The text of the lesson file at `file`, read with ``RegularFile`` (a regular file of at most
    /// ``FileLimits/textFileBytes``, UTF-8).
    static func read(_ file: String) throws(FileError) -> String {
        try RegularFile.readText(file, limit: FileLimits.textFileBytes, expected: lessonKind)
    }
}

/// Why a lesson name or file could not be used.
public struct LessonCatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
