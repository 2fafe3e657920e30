import Foundation
import Lessons
import Testing

/// The one way `tutor lesson NAME`, `tutor lesson --reset NAME` and `tutor check NAME` find a
/// lesson: its number, file stem, stem without the number, or title, in any case, or a unique
/// prefix of one of them; and `tutor lesson next`.
struct LessonNamesTests {
    /// The course as `lessons/` holds it.
    static let course = [
        LessonName(stem: "00-sample", title: "A sample lesson"),
        LessonName(stem: "01-images-and-flattening", title: "Images and flattening"),
        LessonName(stem: "02-dense-layers", title: "Dense layers"),
        LessonName(stem: "03-sigmoid-versus-softmax", title: "Sigmoid versus softmax"),
        LessonName(stem: "04-training", title: "Training"),
        LessonName(stem: "05-reading-predictions", title: "Reading predictions"),
    ]

    static func stem(_ name: String, among lessons: [LessonName] = course) -> String? {
        guard case .success(let found) = LessonNames.resolve(name, among: lessons) else { return nil }
        return found.stem
    }

    static func error(_ name: String, among lessons: [LessonName] = course) -> String? {
        guard case .failure(let error) = LessonNames.resolve(name, among: lessons) else { return nil }
        return error.message
    }

    @Test(arguments: [
        "3", "03", "003", "03-sigmoid-versus-softmax", "sigmoid-versus-softmax", "Sigmoid versus softmax",
        "SIGMOID", "sigmoid versus", "Sigmoid-Versus", "03-sig", "03-SIGMOID-VERSUS-SOFTMAX",
        "03-sigmoid-versus-softmax.lesson", "lessons/03-sigmoid-versus-softmax.lesson", " 3 ",
    ])
    func everyNameOfLessonThree(_ name: String) {
        #expect(Self.stem(name) == "03-sigmoid-versus-softmax")
    }

    @Test func otherLessonsByNumberStemAndTitle() {
        #expect(Self.stem("0") == "00-sample")
        #expect(Self.stem("00") == "00-sample")
        #expect(Self.stem("sample") == "00-sample")
        #expect(Self.stem("a sample") == "00-sample")
        #expect(Self.stem("1") == "01-images-and-flattening")
        #expect(Self.stem("images") == "01-images-and-flattening")
        #expect(Self.stem("dense-layers") == "02-dense-layers")
        #expect(Self.stem("Dense layers") == "02-dense-layers")
        #expect(Self.stem("d") == "02-dense-layers")
        #expect(Self.stem("TRAIN") == "04-training")
        #expect(Self.stem("5") == "05-reading-predictions")
    }

    @Test func unknownNamesListEveryLesson() {
        let lessons = """
              00-sample — A sample lesson
              01-images-and-flattening — Images and flattening
              02-dense-layers — Dense layers
              03-sigmoid-versus-softmax — Sigmoid versus softmax
              04-training — Training
              05-reading-predictions — Reading predictions
            """
        #expect(Self.error("softmax-basics") == "no lesson called `softmax-basics`; the lessons are:\n" + lessons)
        #expect(Self.error("6") == "no lesson called `6`; the lessons are:\n" + lessons)
        #expect(Self.error("nope", among: []) == "no lesson called `nope`; there are no lessons")
    }

    @Test func ambiguousNamesListTheLessonsTheyFit() {
        #expect(Self.error("s") == """
            `s` fits several lessons; type more of the name:
              00-sample — A sample lesson
              03-sigmoid-versus-softmax — Sigmoid versus softmax
            """)
        // Two lessons with the same number.
        let twins = [LessonName(stem: "03-a", title: "A"), LessonName(stem: "03-b", title: "B")]
        #expect(Self.error("3", among: twins) == """
            `3` fits several lessons; type more of the name:
              03-a — A
              03-b — B
            """)
        #expect(Self.stem("03-b", among: twins) == "03-b")
    }

    @Test func aWholeNameWinsOverAPrefix() {
        let lessons = [LessonName(stem: "01-train", title: "Train"), LessonName(stem: "02-training", title: "Training")]
        #expect(Self.stem("train", among: lessons) == "01-train")
        #expect(Self.stem("traini", among: lessons) == "02-training")
        #expect(LessonNames.match("train", among: lessons) == .exact(lessons[0]))
        #expect(LessonNames.match("traini", among: lessons) == .prefix(lessons[1]))
        #expect(LessonNames.match("tr", among: lessons) == .several(lessons))
        #expect(LessonNames.match("x", among: lessons) == .none)
    }

    @Test func numbersAndUnnumberedNames() {
        #expect(LessonName(stem: "03-sigmoid-versus-softmax", title: nil).number == 3)
        #expect(LessonName(stem: "03-sigmoid-versus-softmax", title: nil).numberText == "03")
        #expect(LessonName(stem: "03-sigmoid-versus-softmax", title: nil).unnumbered == "sigmoid-versus-softmax")
        #expect(LessonName(stem: "practice", title: nil).number == nil)
        #expect(LessonName(stem: "practice", title: nil).unnumbered == nil)
        #expect(LessonName(stem: "12", title: nil).number == 12)
        #expect(LessonName(stem: "99999999999999999999999-huge", title: nil).number == nil)
        // A lesson whose title cannot be read is still found by its stem and listed without a title.
        let unreadable = [LessonName(stem: "01-broken", title: nil)]
        #expect(Self.stem("broken", among: unreadable) == "01-broken")
        #expect(Self.error("x", among: unreadable) == "no lesson called `x`; the lessons are:\n  01-broken")
    }

    @Test func theCourseStartsAtLessonOne() {
        #expect(LessonNames.course(Self.course).map(\.stem) == Array(Self.course.dropFirst()).map(\.stem))
        #expect(LessonNames.extras(Self.course).map(\.stem) == ["00-sample"])
        // Without numbered lessons, every lesson is the course.
        let unnumbered = [LessonName(stem: "practice", title: "Practice")]
        #expect(LessonNames.course(unnumbered) == unnumbered)
        #expect(LessonNames.extras(unnumbered) == [])
    }

    @Test func nextLesson() {
        let course = Self.course
        #expect(LessonNames.next(after: nil, among: course) == .lesson(course[1]))
        #expect(LessonNames.next(after: "00-sample", among: course) == .lesson(course[1]))
        #expect(LessonNames.next(after: "01-images-and-flattening", among: course) == .lesson(course[2]))
        #expect(LessonNames.next(after: "04-training", among: course) == .lesson(course[5]))
        #expect(LessonNames.next(after: "05-reading-predictions", among: course) == .finished(last: course[5]))
        #expect(LessonNames.next(after: "a-lesson-since-removed", among: course) == .lesson(course[1]))
        #expect(LessonNames.next(after: nil, among: []) == .noLessons)
    }

    @Test func theCatalogResolvesTheCourseFolder() throws {
        let catalog = LessonCatalog(folder: Support.root.appendingPathComponent("lessons").path)
        #expect(catalog.names.first == LessonName(stem: "00-sample", title: "A sample lesson"))
        #expect(catalog.names.contains(LessonName(stem: "03-sigmoid-versus-softmax", title: "Sigmoid versus softmax")))
        for name in ["3", "03", "sigmoid-versus-softmax", "SIGMOID", "Sigmoid versus softmax"] {
            #expect(catalog.resolve(name) == .success("03-sigmoid-versus-softmax"), "\(name)")
        }
        #expect(catalog.resolve("dense-layers") == .success("02-dense-layers"))
        #expect(catalog.next(after: nil) == .lesson(LessonName(stem: "01-images-and-flattening", title: "Images and flattening")))
    }

    @Test func checkUsesTheSameNames() throws {
        let sample = try LessonReplayTests.sample()
        let practice = try CheckTests.lesson()
        let three = try LessonParser.parse("# Sigmoid versus softmax\nexercise one\nsolution answer 1\nexpect answer 1\nend\n", file: "x/03-sigmoid-versus-softmax.lesson")
        let answers = AnswerFiles(workspace: "/nonexistent")
        func names(_ name: String) throws -> [String] {
            try CheckSelection.select(name, from: [sample, three, practice], answers: answers).flatMap { part in
                part.exercises.map { "\(AnswerFiles.name(of: part.lesson))/\($0.name)" }
            }
        }
        for name in ["03", "3", "sigmoid", "SIGMOID-VERSUS-SOFTMAX", "sigmoid versus softmax"] {
            #expect(try names(name) == ["03-sigmoid-versus-softmax/one"], "\(name)")
        }
        #expect(try names("03/one") == ["03-sigmoid-versus-softmax/one"])
        #expect(try names("sig/one") == ["03-sigmoid-versus-softmax/one"])
        #expect(try names("prac") == ["practice/right", "practice/wrong", "practice/broken", "practice/missing"])
        // A whole exercise name still wins over a lesson prefix.
        #expect(try names("softmax-sum") == ["00-sample/softmax-sum"])
        #expect(throws: CheckSelectionError("""
            `s` fits several lessons; type more of the name:
              00-sample — A sample lesson
              03-sigmoid-versus-softmax — Sigmoid versus softmax
            """)) { try names("s") }
        #expect(throws: CheckSelectionError("""
            no lesson called `nine`; the lessons are:
              00-sample — A sample lesson
              03-sigmoid-versus-softmax — Sigmoid versus softmax
              practice — Check practice
            """)) { try names("nine/one") }
        #expect(throws: CheckSelectionError("""
            there is no lesson or exercise `nine`; the lessons are:
              00-sample — A sample lesson
              03-sigmoid-versus-softmax — Sigmoid versus softmax
              practice — Check practice
            """)) { try names("nine") }
    }
}
