import Foundation
import TextFormat

/// The names one lesson answers to: its file stem (`03-sigmoid-versus-softmax`), its number (the
/// stem's leading digits: `3`, `03`), the stem without its number (`sigmoid-versus-softmax`) and
/// its title (`Sigmoid versus softmax`).
public struct LessonName: Equatable, Sendable {
    /// The lesson file's name without `.lesson`: how progress, answers and reports name it.
    public let stem: String
    /// The lesson's title, or nil when the file cannot be read.
    public let title: String?

    public init(stem: String, title: String?) {
        self.stem = stem
        self.title = title
    }

    /// The stem's leading digits as written (`03`), or nil when it does not start with one.
    public var numberText: String? {
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : String(digits)
    }

    /// The lesson's number: the stem's leading digits (`03-…` → 3).
    public var number: Int? {
        numberText.flatMap { Int($0) }
    }

    /// The stem without its number and the `-` after it (`sigmoid-versus-softmax`), or nil when
    /// the stem has no number.
    public var unnumbered: String? {
        guard let numberText else { return nil }
        let rest = stem.dropFirst(numberText.count)
        guard rest.hasPrefix("-"), rest.count > 1 else { return nil }
        return String(rest.dropFirst())
    }

    /// `stem — title` (the stem alone when there is no title), as lists of lessons show it: with
    /// the controls of the file's name and title visible (``VisibleText``).
    public var line: String {
        VisibleText.of(title.map { "\(stem) — \($0)" } ?? stem)
    }

    /// The words this lesson answers to, lowercased (the number is matched as a number).
    var words: [String] {
        [stem, unnumbered, title].compactMap { $0?.lowercased() }
    }
}

/// Finds lessons by name — the one rule `tutor lesson NAME`, `tutor lesson --reset NAME` and
/// `tutor check NAME` follow — and says which lesson comes next in the course.
///
/// A name is a lesson's number (`3` or `03`), file stem (`03-sigmoid-versus-softmax`, also with
/// `.lesson` and folders in front), stem without its number (`sigmoid-versus-softmax`) or title
/// (`Sigmoid versus softmax`), in any case; or the start of one of those that fits one lesson only.
/// A whole name wins over a prefix: `train` is the lesson `01-train` even beside `02-training`.
public enum LessonNames {
    /// How a name fits a list of lessons.
    public enum Match: Equatable, Sendable {
        /// The name is one lesson's number, stem, unnumbered stem or title.
        case exact(LessonName)
        /// The name starts one lesson's stem, unnumbered stem or title, and no other's.
        case prefix(LessonName)
        /// The name fits several lessons equally well (in the order given).
        case several([LessonName])
        case none
    }

    /// The lesson that `tutor lesson next` takes.
    public enum Next: Equatable, Sendable {
        case lesson(LessonName)
        /// The lesson taken last is the course's last one.
        case finished(last: LessonName)
        /// There are no lessons at all.
        case noLessons
    }

    /// How `name` fits `lessons`.
    public static func match(_ name: String, among lessons: [LessonName]) -> Match {
        let wanted = normalized(name)
        let number = wanted.allSatisfy { $0.isASCII && $0.isNumber } ? Int(wanted) : nil
        let exact = lessons.filter { lesson in
            (number != nil && lesson.number == number) || lesson.words.contains(wanted)
        }
        if exact.count == 1 { return .exact(exact[0]) }
        if exact.count > 1 { return .several(exact) }
        let prefixed = lessons.filter { lesson in lesson.words.contains { $0.hasPrefix(wanted) } }
        if prefixed.count == 1 { return .prefix(prefixed[0]) }
        if prefixed.count > 1 { return .several(prefixed) }
        return .none
    }

    /// The lesson `name` means, or an error naming the lessons: all of them when it fits none,
    /// the ones it fits when it fits several.
    public static func resolve(_ name: String, among lessons: [LessonName]) -> Result<LessonName, LessonNameError> {
        switch match(name, among: lessons) {
        case .exact(let lesson), .prefix(let lesson): return .success(lesson)
        case .several(let fitting): return .failure(ambiguous(name, fitting))
        case .none: return .failure(unknown("no lesson called `\(name)`", lessons))
        }
    }

    /// The error for a name that fits several lessons.
    public static func ambiguous(_ name: String, _ fitting: [LessonName]) -> LessonNameError {
        LessonNameError("`\(name)` fits several lessons; type more of the name:\n" + list(fitting))
    }

    /// `what` (e.g. "no lesson called `x`"), then the lessons there are.
    public static func unknown(_ what: String, _ lessons: [LessonName]) -> LessonNameError {
        LessonNameError(lessons.isEmpty ? "\(what); there are no lessons" : "\(what); the lessons are:\n" + list(lessons))
    }

    /// One line per lesson, `  stem — title`.
    public static func list(_ lessons: [LessonName]) -> String {
        lessons.map { "  " + $0.line }.joined(separator: "\n")
    }

    /// The course a newcomer takes, in order: the lessons numbered 1 or more (`01-…`, `02-…`);
    /// when no lesson is numbered so, every lesson.
    public static func course(_ lessons: [LessonName]) -> [LessonName] {
        let numbered = lessons.filter { ($0.number ?? 0) >= 1 }
        return numbered.isEmpty ? lessons : numbered
    }

    /// The lessons outside the course (`00-sample`, the lesson format's sample for authors).
    public static func extras(_ lessons: [LessonName]) -> [LessonName] {
        let inCourse = course(lessons)
        return lessons.filter { !inCourse.contains($0) }
    }

    /// What `tutor lesson next` takes, given the stem of the lesson taken last (progress.json's
    /// `current`): the course lesson after it; the course's first lesson when there is none, or
    /// when it is not in the course (the sample, a lesson since removed).
    public static func next(after current: String?, among lessons: [LessonName]) -> Next {
        let inCourse = course(lessons)
        guard let first = inCourse.first else { return .noLessons }
        guard let current, let index = inCourse.firstIndex(where: { $0.stem == current }) else { return .lesson(first) }
        return index + 1 < inCourse.count ? .lesson(inCourse[index + 1]) : .finished(last: inCourse[index])
    }

    /// What is compared: trimmed, lowercased, and a path to a `.lesson` file reduced to its stem.
    static func normalized(_ name: String) -> String {
        let text = name.trimmingCharacters(in: .whitespaces).lowercased()
        return text.hasSuffix(".lesson") ? LessonWorkspace.stem(ofLessonFile: text) : text
    }
}

/// A name that fits no lesson, or several: a sentence that lists the lessons.
public struct LessonNameError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
