import Foundation

/// A lesson and the exercises of it to check.
public struct CheckSelection: Equatable, Sendable {
    public let lesson: Lesson
    public let exercises: [Exercise]

    public init(lesson: Lesson, exercises: [Exercise]) {
        self.lesson = lesson
        self.exercises = exercises
    }

    /// What `tutor check [NAME]` checks.
    ///
    /// - Without a name: every lesson with at least one answer file, all its exercises (those
    ///   without an answer are reported as not answered); lessons never started are left out.
    /// - `NAME`: the lesson whose file name (`00-sample`, or without its number, `sample`) or title
    ///   is NAME (case-insensitive), all its exercises; otherwise the exercise called NAME.
    /// - `LESSON/EXERCISE`: that one exercise.
    public static func select(_ name: String?, from lessons: [Lesson], answers: AnswerFiles) throws(CheckSelectionError) -> [CheckSelection] {
        guard let name, !name.isEmpty else {
            return lessons.filter { lesson in
                lesson.exercises.contains { FileManager.default.fileExists(atPath: answers.path(lesson: lesson, exercise: $0)) }
            }.map { CheckSelection(lesson: $0, exercises: $0.exercises) }
        }
        if let slash = name.lastIndex(of: "/") {
            let lessonName = String(name[..<slash]), exerciseName = String(name[name.index(after: slash)...])
            guard let lesson = lessons.first(where: { matches($0, lessonName) }) else {
                throw CheckSelectionError("there is no lesson `\(lessonName)`; the lessons are \(list(lessons.map(AnswerFiles.name(of:))))")
            }
            guard let exercise = lesson.exercise(named: exerciseName) else {
                throw CheckSelectionError("lesson `\(AnswerFiles.name(of: lesson))` has no exercise `\(exerciseName)`; its exercises are \(list(lesson.exercises.map(\.name)))")
            }
            return [CheckSelection(lesson: lesson, exercises: [exercise])]
        }
        if let lesson = lessons.first(where: { matches($0, name) }) {
            return [CheckSelection(lesson: lesson, exercises: lesson.exercises)]
        }
        let found = lessons.compactMap { lesson in lesson.exercise(named: name).map { CheckSelection(lesson: lesson, exercises: [$0]) } }
        if found.count > 1 {
            throw CheckSelectionError("several lessons have an exercise `\(name)`: say which, e.g. `\(AnswerFiles.name(of: found[0].lesson))/\(name)`")
        }
        guard let only = found.first else {
            throw CheckSelectionError("there is no lesson or exercise `\(name)`; the lessons are \(list(lessons.map(AnswerFiles.name(of:))))")
        }
        return [only]
    }

    private static func matches(_ lesson: Lesson, _ name: String) -> Bool {
        let file = AnswerFiles.name(of: lesson).lowercased(), wanted = name.lowercased()
        let unnumbered = file.drop { $0.isNumber }
        return file == wanted || lesson.title.lowercased() == wanted
            || (unnumbered.count < file.count && unnumbered.hasPrefix("-") && unnumbered.dropFirst() == wanted)
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.map { "`\($0)`" }.joined(separator: ", ")
    }
}

/// A `tutor check NAME` that names nothing checkable.
public struct CheckSelectionError: Error, Equatable, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}
