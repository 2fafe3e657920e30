import Files
import Foundation
import TextFormat
import TutorLanguage

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

/// A guess a learner typed at a guess step, beside the true value, and when: never graded, kept
/// so that a learner (or a teacher) can see how their sense of the numbers grows.
public struct GuessRecord: Codable, Equatable, Sendable {
    /// The number typed.
    public var guess: Double
    /// The true value the step revealed; nil when the learner's session held none.
    public var truth: Double?
    /// When it was typed: the newest guess of a step is the one kept.
    public var when: Date

    public init(guess: Double, truth: Double?, when: Date) {
        self.guess = guess
        self.truth = truth
        self.when = when
    }

    enum CodingKeys: String, CodingKey {
        case guess, truth, when
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guess = try container.decode(Double.self, forKey: .guess)
        truth = try container.decodeIfPresent(Double.self, forKey: .truth)
        // Written as ISO 8601 text (`2026-12-02T14:17:05Z`), readable in the file.
        let text = try container.decode(String.self, forKey: .when)
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw DecodingError.dataCorruptedError(forKey: .when, in: container, debugDescription: "not an ISO 8601 time")
        }
        when = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(guess, forKey: .guess)
        try container.encodeIfPresent(truth, forKey: .truth)
        try container.encode(when.formatted(.iso8601), forKey: .when)
    }
}

/// Where a learner is in one lesson: the index (in ``Lesson/items``) of the next item to run,
/// the exercises finished so far, the effort each exercise took, and the guesses typed.
public struct LessonProgress: Codable, Equatable, Sendable {
    /// The next item to run; `items.count` when the lesson was finished.
    public var next: Int
    /// Exercise name → done or skipped.
    public var exercises: [String: ExerciseStatus]
    /// Exercise name → attempts, misses and hints, summed over every time it was taken.
    public var effort: [String: ExerciseEffort]
    /// Guess name → the newest guess typed there.
    public var guesses: [String: GuessRecord]

    public init(next: Int = 0, exercises: [String: ExerciseStatus] = [:], effort: [String: ExerciseEffort] = [:],
                guesses: [String: GuessRecord] = [:]) {
        self.next = next
        self.exercises = exercises
        self.effort = effort
        self.guesses = guesses
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        next = try container.decode(Int.self, forKey: .next)
        exercises = try container.decode([String: ExerciseStatus].self, forKey: .exercises)
        // Files written before effort was kept have none.
        effort = try container.decodeIfPresent([String: ExerciseEffort].self, forKey: .effort) ?? [:]
        // Files written before guesses were kept have none.
        guesses = try container.decodeIfPresent([String: GuessRecord].self, forKey: .guesses) ?? [:]
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
        join(workspace, progressFile)
    }

    /// The progress file's name in the workspace.
    public static let progressFile = "progress.json"

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

    /// `name` inside `folder`; an empty folder is the current one (never `/`).
    private static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty || folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}

/// Reads and writes `WORKSPACE/progress.json`. A missing file is no progress; a damaged one —
/// not progress JSON, or larger than ``maximumBytes`` — is reported, moved aside to
/// `progress.json.damaged`, and treated as no progress: never a crash. A `progress.json` that
/// leads outside the workspace (a symbolic link out) is neither read nor written.
///
/// Several `tutor lesson` runs may share one workspace: ``save(_:since:)`` writes under a lock
/// (`flock` on `progress.json.lock` in the workspace), merging this run's changes into the file
/// as it is then (the rule is ``ProgressRecord/merging(_:since:)``), so no run wipes another's.
public struct ProgressStore: Sendable {
    public let workspace: String

    /// The largest progress file read (``FileLimits/progressBytes``). A whole course's progress takes a few kilobytes;
    /// a larger file is refused before it is decoded, since every step of a lesson decodes and
    /// rewrites the whole file (a 36 MB one made each step take seconds).
    public static let maximumBytes = FileLimits.progressBytes

    public init(workspace: String) {
        self.workspace = workspace
    }

    public var path: String { LessonWorkspace.progressPath(workspace: workspace) }

    /// Where a damaged progress file is moved aside.
    public var backupPath: String { path + Self.backupSuffix }

    /// The file whose `flock` guards reading, merging and writing the progress.
    public var lockPath: String { path + Self.lockSuffix }

    private static let backupSuffix = ".damaged", lockSuffix = ".lock"

    /// The saved progress, and a sentence explaining why it was ignored when the file is damaged.
    public func load() -> (record: ProgressRecord, problem: String?) {
        switch examine() {
        case .missing: return (ProgressRecord(), nil)
        case .fine(let record): return (record, nil)
        case .unreadable: return (ProgressRecord(), "cannot read \(path); starting with no saved progress")
        case .refused(let refusal): return (ProgressRecord(), "\(refusal.message), so it is not read; starting with no saved progress")
        case .damaged(let reason): return (ProgressRecord(), damagedProblem(reason))
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
        /// The path leads outside the workspace.
        case refused(PathRefusal)
    }

    /// ``path`` followed by `suffix` (``backupPath``, ``lockPath``) as it may be used: inside
    /// the workspace, or why not.
    private func vetted(_ suffix: String = "") throws(PathRefusal) -> String {
        try PathPolicy.inside(workspace).resolve(LessonWorkspace.progressFile + suffix, shown: path + suffix)
    }

    private func examine() -> Reading {
        do {
            _ = try vetted()
        } catch {
            return .refused(error)
        }
        guard FileManager.default.fileExists(atPath: path) else { return .missing }
        var info = stat()
        if stat(path, &info) == 0, info.st_size > Self.maximumBytes {
            return .damaged("it holds \(Thousands.grouped(Int(info.st_size))) bytes, more than the \(Thousands.grouped(Self.maximumBytes)) a progress file may hold")
        }
        guard let data = (try? RegularFile.read(path, limit: FileLimits.progressBytes, expected: "a progress file")).map({ Data($0) }) else { return .unreadable }
        guard let record = try? JSONDecoder().decode(ProgressRecord.self, from: data) else {
            return .damaged("it is not valid progress JSON")
        }
        if record.version > ProgressRecord.currentVersion {
            return .damaged("it was written by a newer tutor (version \(record.version))")
        }
        if let bad = record.lessons.first(where: { $0.value.next < 0 }) {
            return .damaged("lesson \(VisibleText.quoted(bad.key)) has a negative position")
        }
        return .fine(record)
    }

    /// Moves the damaged file aside to ``backupPath`` (a rename: nothing is read, whatever its
    /// size) and says so.
    private func damagedProblem(_ reason: String) -> String {
        let kept = (try? vetted(Self.backupSuffix)) != nil && rename(path, backupPath) == 0
        return "\(path) is damaged (\(reason)); starting with no saved progress"
            + (kept ? " (the old file is kept as \(backupPath))" : "")
    }

    /// Writes `record` as the whole progress, under the lock (see ``save(_:since:)`` to keep
    /// other runs' changes).
    public func save(_ record: ProgressRecord) throws {
        try withLock { () throws in try write(record) }
    }

    /// Saves what this run changed — from `base`, the record it last loaded or saved, to
    /// `record` — into the file as it is now, under the lock, and returns the record written:
    /// what this run should go on from (and pass as `base` next time). Nothing changed, nothing
    /// is written. A damaged file is moved aside first (as ``load()`` does) and counts as empty.
    public func save(_ record: ProgressRecord, since base: ProgressRecord) throws -> ProgressRecord {
        guard record != base else { return record }
        return try withLock { () throws -> ProgressRecord in
            let current: ProgressRecord
            switch examine() {
            case .missing: current = ProgressRecord()
            case .fine(let found): current = found
            case .unreadable: throw FileError(file: path, problem: "cannot be read, so this run's progress is not merged into it")
            case .refused(let refusal): throw refusal
            case .damaged(let reason):
                _ = damagedProblem(reason)
                current = ProgressRecord()
            }
            let merged = current.merging(record, since: base)
            try write(merged)
            return merged
        }
    }

    /// Writes `record` with ``AtomicFile`` (temporary file, fsync, rename), creating the workspace
    /// if needed; refused when ``path`` leads outside the workspace.
    private func write(_ record: ProgressRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(record)
        try AtomicFile.write(Array(data) + Array("\n".utf8), to: try vetted(), creatingDirectories: true)
    }

    /// Runs `body` holding an exclusive `flock` on ``lockPath`` (created, with the workspace, when
    /// missing; never followed through a symbolic link). Other runs wait; the lock goes when the
    /// file is closed, even if the process dies.
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let lock = try vetted(Self.lockSuffix)
        if !workspace.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
            } catch {
                throw FileError(file: workspace, problem: "cannot be created: \(error.localizedDescription)")
            }
        }
        let descriptor = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o666)
        guard descriptor >= 0 else { throw FileError.unwritable(lockPath, errno: errno) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw FileError(file: lockPath, problem: "cannot be locked: \(FileError.systemText(errno))") }
        }
        return try body()
    }
}

extension ProgressRecord {
    /// This record (the file as it is now) with the changes another run made — from `base`, what
    /// it last read or wrote, to `mine` — applied: how two `tutor lesson` runs on one workspace
    /// keep each other's progress. The rule:
    ///
    /// - Only what the run changed is applied; every other lesson, and every exercise it did not
    ///   touch, stays as in this record.
    /// - `current`: the run's, when it changed it (the lesson taken last is the one saved last).
    /// - A lesson the run removed (`tutor lesson --reset`) is removed.
    /// - A lesson it changed: `next` is the run's (where the learner was last); an exercise whose
    ///   status it changed gets the stronger of this record's and the run's — `done` wins over
    ///   `skipped` (solving an exercise in one run is not undone by skipping it in another); each
    ///   effort counter gets the run's increase added (attempts, misses and hints made in both
    ///   runs all count; none is overwritten); a guess the run typed replaces this record's
    ///   unless this record's is newer (the newest guess of a step is kept).
    public func merging(_ mine: ProgressRecord, since base: ProgressRecord) -> ProgressRecord {
        var merged = self
        if mine.current != base.current { merged.current = mine.current }
        for stem in Set(mine.lessons.keys).union(base.lessons.keys) where mine.lessons[stem] != base.lessons[stem] {
            guard let changed = mine.lessons[stem] else {
                merged.lessons[stem] = nil
                continue
            }
            let before = base.lessons[stem] ?? LessonProgress()
            var lesson = merged.lessons[stem] ?? LessonProgress()
            lesson.next = changed.next
            for (exercise, status) in changed.exercises where before.exercises[exercise] != status {
                lesson.exercises[exercise] = lesson.exercises[exercise] == .done ? .done : status
            }
            for (exercise, effort) in changed.effort {
                let earlier = before.effort[exercise] ?? ExerciseEffort()
                guard effort != earlier else { continue }
                var total = lesson.effort[exercise] ?? ExerciseEffort()
                total.attempts += max(0, effort.attempts - earlier.attempts)
                total.misses += max(0, effort.misses - earlier.misses)
                total.hints += max(0, effort.hints - earlier.hints)
                lesson.effort[exercise] = total
            }
            for (name, guess) in changed.guesses where before.guesses[name] != guess {
                if let kept = lesson.guesses[name], kept.when > guess.when { continue }
                lesson.guesses[name] = guess
            }
            merged.lessons[stem] = lesson
        }
        return merged
    }
}
