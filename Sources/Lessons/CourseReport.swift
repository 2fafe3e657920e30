import TextFormat
import TutorLanguage

/// The summary shown when the last lesson of the course is finished: every course lesson with its
/// exercises done and skipped and the hints used, then the totals.
public enum CourseReport {
    /// The summary, or nil while some course lesson (``LessonNames/course(_:)``) is not finished.
    /// `lessons` holds every lesson read from the folder, by stem.
    public static func complete(_ lessons: [(stem: String, lesson: Lesson)], record: ProgressRecord) -> String? {
        let names = lessons.map { LessonName(stem: $0.stem, title: $0.lesson.title) }
        let course = LessonNames.course(names).compactMap { name in lessons.first { $0.stem == name.stem } }
        guard !course.isEmpty else { return nil }
        var rows: [String] = []
        var exercises = 0, done = 0, skipped = 0, hints = 0
        let width = course.map(\.stem.count).max() ?? 0
        for (stem, lesson) in course {
            guard let progress = record.lessons[stem], progress.next >= lesson.items.count else { return nil }
            let lessonHints = lesson.exercises.reduce(0) { $0 + (progress.effort[$1.name]?.hints ?? 0) }
            let lessonDone = progress.count(.done, in: lesson), lessonSkipped = progress.count(.skipped, in: lesson)
            exercises += lesson.exercises.count
            done += lessonDone
            skipped += lessonSkipped
            hints += lessonHints
            let padded = TextColumns.padRight(stem, width)
            rows.append("  \(padded)  \(lessonDone) done, \(lessonSkipped) skipped of \(lesson.exercises.count), \(Thousands.counted(lessonHints, "hint")) used")
        }
        let total = "Course complete: \(Thousands.counted(course.count, "lesson")), \(Thousands.counted(exercises, "exercise")): "
            + "\(done) done, \(skipped) skipped, \(Thousands.counted(hints, "hint")) used."
        return ([total] + rows).joined(separator: "\n")
    }
}
