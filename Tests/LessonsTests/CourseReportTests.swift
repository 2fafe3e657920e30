import Foundation
import Lessons
import Testing
import TutorLanguage

/// What a teacher and a learner read of effort: `tutor check --json` carries what `tutor lesson`
/// recorded, and finishing the course's last lesson sums the whole course up.
struct CourseReportTests {
    @Test func checkJSONCarriesTheRecordedEffort() throws {
        let work = try CheckTests.workspace(["right": "answer 1\n"])
        var record = ProgressRecord(current: "practice")
        record.lessons["practice"] = LessonProgress(
            next: 3, exercises: ["right": .done, "wrong": .skipped],
            effort: ["right": ExerciseEffort(attempts: 4, misses: 3, hints: 2)])
        try ProgressStore(workspace: work).save(record)
        let outcomes = try CheckTests.check(work, "practice/right") + CheckTests.check(work, "practice/wrong")
        #expect(CheckReport.json(outcomes) == """
            {"attempts":4,"exercise":"right","hints":2,"lesson":"practice","message":"","misses":3,"progress":"done","status":"passed"}
            {"exercise":"wrong","lesson":"practice","message":"no answer file \(work)/answers/practice/wrong.tut","progress":"skipped","status":"not answered"}
            """)
        // A damaged progress file is neither reported nor moved by a check.
        try "{".write(toFile: work + "/progress.json", atomically: true, encoding: .utf8)
        #expect(CheckReport.json(try CheckTests.check(work, "practice/right")) == #"{"exercise":"right","lesson":"practice","message":"","status":"passed"}"#)
        #expect(!FileManager.default.fileExists(atPath: work + "/progress.json.damaged"))
    }

    static func lesson(_ stem: String, exercises: [String]) throws -> (stem: String, lesson: Lesson) {
        let blocks = exercises.map { "exercise \($0)\nsolution answer 1\nexpect answer 1\nend" }
        return (stem, try LessonParser.parse("# Lesson \(stem)\n" + blocks.joined(separator: "\n"), file: "\(stem).lesson"))
    }

    @Test func finishingTheLastLessonSumsUpTheCourse() throws {
        let lessons = [
            try Self.lesson("00-sample", exercises: ["s"]),
            try Self.lesson("01-first", exercises: ["a", "b"]),
            try Self.lesson("02-second", exercises: ["c"]),
        ]
        var record = ProgressRecord()
        record.lessons["01-first"] = LessonProgress(
            next: 2, exercises: ["a": .done, "b": .skipped], effort: ["a": ExerciseEffort(attempts: 3, misses: 2, hints: 1)])
        // The sample is not part of the course; the second lesson is not finished yet.
        #expect(CourseReport.complete(lessons, record: record) == nil)
        record.lessons["02-second"] = LessonProgress(next: 1, exercises: ["c": .done], effort: ["c": ExerciseEffort(hints: 2)])
        #expect(CourseReport.complete(lessons, record: record) == """
            Course complete: 2 lessons, 3 exercises: 2 done, 1 skipped, 3 hints used.
              01-first   1 done, 1 skipped of 2, 1 hint used
              02-second  1 done, 0 skipped of 1, 2 hints used
            """)
    }
}
