import Files
import Foundation
import Lessons
import Testing

/// The progress store: what is saved comes back, a damaged file is reported and treated as no
/// progress, writes leave no half-written or temporary files; and the lesson catalog's names.
struct ProgressTests {
    /// A fresh, empty folder for one test.
    static func folder(_ name: String) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-progress-\(name)-\(getpid())-\(Int.random(in: 0..<1_000_000))")
        try? FileManager.default.removeItem(at: url)
        return url.path
    }

    @Test func missingFileIsNoProgress() {
        let store = ProgressStore(workspace: Self.folder("missing"))
        let (record, problem) = store.load()
        #expect(record == ProgressRecord())
        #expect(problem == nil)
    }

    @Test func roundTrip() throws {
        let workspace = Self.folder("roundtrip")
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let store = ProgressStore(workspace: workspace)
        let record = ProgressRecord(current: "00-sample", lessons: [
            "00-sample": LessonProgress(next: 5, exercises: ["softmax-sum": .done, "make-probabilities": .skipped]),
            "01-images": LessonProgress(next: 0),
        ])
        try store.save(record)
        #expect(store.path == workspace + "/progress.json")
        let (loaded, problem) = store.load()
        #expect(problem == nil)
        #expect(loaded == record)
        let text = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(text.contains("\"softmax-sum\" : \"done\""))
        #expect(text.contains("\"next\" : 5"))
        #expect(loaded.lessons["00-sample"]?.count(.done) == 1)
        #expect(loaded.lessons["00-sample"]?.count(.skipped) == 1)
    }

    @Test(arguments: ["{ not json", "", "{\"version\": 1, \"lessons\": {\"a\": {\"next\": -3, \"exercises\": {}}}}",
                      "{\"version\": 1, \"lessons\": {\"a\": {\"next\": 1, \"exercises\": {\"x\": \"maybe\"}}}}",
                      "{\"version\": 99, \"lessons\": {}}", "[1, 2, 3]"])
    func damagedFileIsReportedAndTreatedAsEmpty(text: String) throws {
        let workspace = Self.folder("damaged")
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        let store = ProgressStore(workspace: workspace)
        try text.write(toFile: store.path, atomically: false, encoding: .utf8)
        let (record, problem) = store.load()
        #expect(record == ProgressRecord())
        let message = try #require(problem)
        #expect(message.contains("progress.json is damaged"))
        #expect(message.contains("starting with no saved progress"))
        // The damaged file is kept aside, so saving again loses nothing.
        #expect(try String(contentsOfFile: store.path + ".damaged", encoding: .utf8) == text)
        try store.save(ProgressRecord(current: "x"))
        #expect(store.load().problem == nil)
    }

    @Test func writesAreAtomicAndLeaveNoTemporaryFiles() throws {
        let workspace = Self.folder("atomic")
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let store = ProgressStore(workspace: workspace)
        for next in 0..<20 {
            try store.save(ProgressRecord(current: "00-sample", lessons: ["00-sample": LessonProgress(next: next)]))
            #expect(store.load().record.lessons["00-sample"]?.next == next)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace).sorted() == ["progress.json", "progress.json.lock"])
    }

    @Test func aFailedWriteKeepsTheOldFile() throws {
        let workspace = Self.folder("failed")
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let store = ProgressStore(workspace: workspace)
        let old = ProgressRecord(current: "00-sample", lessons: ["00-sample": LessonProgress(next: 3)])
        try store.save(old)
        // The write fails once the temporary file is complete, as when tutor is killed before the rename.
        AtomicFile.$beforeRename.withValue({ FileError(file: store.path, problem: "was interrupted") }) {
            #expect(throws: FileError(file: store.path, problem: "was interrupted")) { try store.save(ProgressRecord()) }
        }
        #expect(store.load().record == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace).sorted() == ["progress.json", "progress.json.lock"])
    }

    @Test func answerPathsFollowTheWorkspaceRule() {
        #expect(LessonWorkspace.answerPath(workspace: "tutor-work", lesson: "00-sample", exercise: "softmax-sum")
            == "tutor-work/answers/00-sample/softmax-sum.tut")
        #expect(LessonWorkspace.answerPath(workspace: "/tmp/w/", lesson: "01-images", exercise: "flat")
            == "/tmp/w/answers/01-images/flat.tut")
        #expect(LessonWorkspace.stem(ofLessonFile: "lessons/00-sample.lesson") == "00-sample")
    }

    @Test func catalogFindsLessonsByStemOrUniquePrefix() throws {
        let folder = Self.folder("catalog")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["00-sample", "01-images", "02-dense"] {
            try "# \(name)\n".write(toFile: folder + "/\(name).lesson", atomically: true, encoding: .utf8)
        }
        try "not a lesson".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let catalog = LessonCatalog(folder: folder)
        #expect(catalog.stems == ["00-sample", "01-images", "02-dense"])
        #expect(catalog.resolve("01-images") == .success("01-images"))
        #expect(catalog.resolve("02") == .success("02-dense"))
        #expect(catalog.resolve("00-sample.lesson") == .success("00-sample"))
        #expect(catalog.resolve("0") == .success("00-sample"))  // lesson number 0
        guard case .failure(let none) = catalog.resolve("softmax") else { Issue.record("no such lesson"); return }
        #expect(none.message == "no lesson called `softmax`; the lessons are:\n  00-sample — 00-sample\n  01-images — 01-images\n  02-dense — 02-dense")
        #expect(try catalog.lesson("00-sample").title == "00-sample")
    }
}
