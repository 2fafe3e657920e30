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
    /// - `NAME`: the lesson NAME names as `tutor lesson NAME` would (``LessonNames``: its number,
    ///   file name, file name without its number or title, any case), all its exercises; otherwise
    ///   the exercise called NAME; otherwise the lesson NAME is the start of a name of.
    /// - `LESSON/EXERCISE`: that one exercise.
    public static func select(_ name: String?, from lessons: [Lesson], answers: AnswerFiles) throws(CheckSelectionError) -> [CheckSelection] {
        guard let name, !name.isEmpty else {
            return lessons.filter { lesson in
                lesson.exercises.contains { FileManager.default.fileExists(atPath: answers.path(lesson: lesson, exercise: $0)) }
            }.map { CheckSelection(lesson: $0, exercises: $0.exercises) }
        }
        let names = lessons.map { LessonName(stem: AnswerFiles.name(of: $0), title: $0.title) }
        func lesson(_ found: LessonName) -> Lesson? {
            names.firstIndex(of: found).map { lessons[$0] }
        }
        if let slash = name.lastIndex(of: "/") {
            let lessonName = String(name[..<slash]), exerciseName = String(name[name.index(after: slash)...])
            let found: LessonName
            switch LessonNames.resolve(lessonName, among: names) {
            case .success(let named): found = named
            case .failure(let error): throw CheckSelectionError(error.message)
            }
            guard let lesson = lesson(found) else { return [] }
            guard let exercise = lesson.exercise(named: exerciseName) else {
                throw CheckSelectionError("lesson `\(AnswerFiles.name(of: lesson))` has no exercise `\(exerciseName)`; its exercises are \(list(lesson.exercises.map(\.name)))")
            }
            return [CheckSelection(lesson: lesson, exercises: [exercise])]
        }
        let match = LessonNames.match(name, among: names)
        if case .exact(let found) = match, let lesson = lesson(found) {
            return [CheckSelection(lesson: lesson, exercises: lesson.exercises)]
        }
        let found = lessons.compactMap { lesson in lesson.exercise(named: name).map { CheckSelection(lesson: lesson, exercises: [$0]) } }
        if found.count > 1 {
            throw CheckSelectionError("several lessons have an exercise `\(name)`: say which, e.g. `\(AnswerFiles.name(of: found[0].lesson))/\(name)`")
        }
        if let only = found.first { return [only] }
        switch match {
        case .prefix(let named):
            guard let lesson = lesson(named) else { return [] }
            return [CheckSelection(lesson: lesson, exercises: lesson.exercises)]
        case .several(let fitting):
            throw CheckSelectionError(LessonNames.ambiguous(name, fitting).message)
        case .exact, .none:
            throw CheckSelectionError(LessonNames.unknown("there is no lesson or exercise `\(name)`", names).message)
        }
    }

    /// What `tutor check --format gradescope|classroom` grades without a name: every exercise of
    /// every lesson of the course (``LessonNames/course(_:)``, so not the format sample
    /// `00-sample`), answered or not, so that every learner is graded out of the same points.
    public static func course(_ lessons: [Lesson]) -> [CheckSelection] {
        let names = lessons.map { LessonName(stem: AnswerFiles.name(of: $0), title: $0.title) }
        let course = LessonNames.course(names)
        return lessons.indices.filter { course.contains(names[$0]) }.map {
            CheckSelection(lesson: lessons[$0], exercises: lessons[$0].exercises)
        }
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
