import Files
import Foundation

/// How an exercise was left: solved by the learner, or skipped (the solution ran).
public enum ExerciseStatus: String, Codable, Equatable, Sendable {
    case done
    case skipped
}

/// How hard an exercise was: what a teacher reads to see where a class struggles.
public struct ExerciseEffort: Codable, Equatable, Sendable {
    /// Commands the learner ran at the exercise (`hint`, `skip` and `check` not counted).
    public var attempts = 0
    /// Attempts that missed a check: an `answer` or `check` that did not pass.
    public var misses = 0
    /// Hints shown.
    public var hints = 0

    public init(attempts: Int = 0, misses: Int = 0, hints: Int = 0) {
        self.attempts = attempts
        self.misses = misses
        self.hints = hints
    }
}

/// Where a learner is in one lesson: the index (in ``Lesson/items``) of the next item to run,
/// the exercises finished so far, and the effort each exercise took.
public struct LessonProgress: Codable, Equatable, Sendable {
    /// The next item to run; `items.count` when the lesson was finished.
    public var next: Int
    /// Exercise name → done or skipped.
    public var exercises: [String: ExerciseStatus]
    /// Exercise name → attempts, misses and hints, summed over every time it was taken.
    public var effort: [String: ExerciseEffort]

    public init(next: Int = 0, exercises: [String: ExerciseStatus] = [:], effort: [String: ExerciseEffort] = [:]) {
        self.next = next
        self.exercises = exercises
        self.effort = effort
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        next = try container.decode(Int.self, forKey: .next)
        exercises = try container.decode([String: ExerciseStatus].self, forKey: .exercises)
        // Files written before effort was kept have none.
        effort = try container.decodeIfPresent([String: ExerciseEffort].self, forKey: .effort) ?? [:]
    }

    /// How many exercises have `status`.
    public func count(_ status: ExerciseStatus) -> Int {
        exercises.values.filter { $0 == status }.count
    }

    /// How many of `lesson`'s exercises have `status` (an exercise since removed from the lesson
    /// file is not counted).
    public func count(_ status: ExerciseStatus, in lesson: Lesson) -> Int {
        lesson.exercises.filter { exercises[$0.name] == status }.count
    }
}

/// Everything in `WORKSPACE/progress.json`: per lesson file stem (`00-sample`) its progress, and
/// the lesson the learner was in last.
public struct ProgressRecord: Codable, Equatable, Sendable {
    /// The format's version; a file with a newer version is reported, not misread.
    public var version: Int
    /// The stem of the lesson taken last.
    public var current: String?
    public var lessons: [String: LessonProgress]

    public static let currentVersion = 1

    public init(current: String? = nil, lessons: [String: LessonProgress] = [:]) {
        self.version = Self.currentVersion
        self.current = current
        self.lessons = lessons
    }
}

/// The paths of a learner's workspace (``AnswerFiles/defaultWorkspace`` unless `--workspace DIR`).
/// The answer-file rule here is the `tutor lesson` side of the rule `tutor check` also follows.
public enum LessonWorkspace {
    /// `WORKSPACE/progress.json`.
    public static func progressPath(workspace: String) -> String {
        join(workspace, "progress.json")
    }

    /// `WORKSPACE/answers/<lesson stem>`.
    public static func answerFolder(workspace: String, lesson stem: String) -> String {
        AnswerFiles(workspace: workspace).folder(lessonName: stem)
    }

    /// `WORKSPACE/answers/<lesson stem>/<exercise name>.tut`: the commands that solved an exercise.
    public static func answerPath(workspace: String, lesson stem: String, exercise name: String) -> String {
        AnswerFiles(workspace: workspace).path(lessonName: stem, exercise: name)
    }

    /// The stem of a lesson file, the lesson's name in progress, answer folders and reports: its
    /// file name without folder and without `.lesson` — `lessons/00-sample.lesson` → `00-sample`.
    /// The one rule for it (``AnswerFiles/name(of:)`` and lesson names use it too).
    public static func stem(ofLessonFile path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".lesson") ? String(name.dropLast(".lesson".count)) : name
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}

/// Reads and writes `WORKSPACE/progress.json`. A missing file is no progress; a damaged one is
/// reported (and kept as `progress.json.damaged`) and treated as no progress — never a crash.
public struct ProgressStore: Sendable {
    public let workspace: String

    public init(workspace: String) {
        self.workspace = workspace
    }

    public var path: String { LessonWorkspace.progressPath(workspace: workspace) }

    /// The saved progress, and a sentence explaining why it was ignored when the file is damaged.
    public func load() -> (record: ProgressRecord, problem: String?) {
        switch examine() {
        case .missing: return (ProgressRecord(), nil)
        case .fine(let record): return (record, nil)
        case .unreadable: return (ProgressRecord(), "cannot read \(path); starting with no saved progress")
        case .damaged(let reason):
            let backup = path + ".damaged"
            let kept = FileManager.default.contents(atPath: path).map { (try? AtomicFile.write(Array($0), to: backup)) != nil } ?? false
            return (ProgressRecord(), "\(path) is damaged (\(reason)); starting with no saved progress"
                + (kept ? " (the old file is kept as \(backup))" : ""))
        }
    }

    /// The saved progress when there is a usable file, without reporting or touching anything
    /// (for `tutor check`, which only reads what the lessons recorded).
    public func read() -> ProgressRecord? {
        if case .fine(let record) = examine() { return record }
        return nil
    }

    /// What is at ``path``.
    private enum Reading {
        case missing, unreadable, fine(ProgressRecord)
        /// The file is there but cannot be used, for this reason.
        case damaged(String)
    }

    private func examine() -> Reading {
        guard FileManager.default.fileExists(atPath: path) else { return .missing }
        guard let data = (try? RegularFile.read(path, limit: FileLimits.progressBytes, expected: "a progress file")).map({ Data($0) }) else { return .unreadable }
        guard let record = try? JSONDecoder().decode(ProgressRecord.self, from: data) else {
            return .damaged("it is not valid progress JSON")
        }
        if record.version > ProgressRecord.currentVersion {
            return .damaged("it was written by a newer tutor (version \(record.version))")
        }
        if let bad = record.lessons.first(where: { $0.value.next < 0 }) {
            return .damaged("lesson `\(bad.key)` has a negative position")
        }
        return .fine(record)
    }

    /// Writes `record` with ``AtomicFile`` (temporary file, fsync, rename), creating the workspace
    /// if needed.
    public func save(_ record: ProgressRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(record)
        try AtomicFile.write(Array(data) + Array("\n".utf8), to: path, creatingDirectories: true)
    }
}
