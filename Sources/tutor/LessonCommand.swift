import ArgumentParser
import Foundation
import Lessons
import TextFormat
import TutorLanguage
import TutorTerminal

/// `tutor lesson [NAME] [--workspace DIR] [--reset NAME]`: lists the lessons with the learner's
/// progress, or takes one lesson interactively (the loop is ``LessonSession``).
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Take a lesson with exercises, or list the lessons and your progress.",
        discussion: """
            Without NAME, lists the lessons and where you left off. With NAME, takes that \
            lesson, continuing where you left off. NAME is a lesson's number (3 or 03), file name \
            (03-sigmoid-versus-softmax), file name without its number, or title, in any case, or the \
            start of one of those; `next` is the lesson after the one you took last. Progress and \
            answers are kept in the workspace (default ./\(AnswerFiles.defaultWorkspace)), and the lesson's \
            commands, like yours, read and write files only inside it. The lessons are the course \
            that ships with tutor unless --lessons DIR or TUTOR_LESSONS=DIR names others.
            """)

    @Argument(help: "The lesson to take: its number (3), file name, title, a unique start of one, or `next`.")
    var name: String?

    @OptionGroup var workspace: WorkspaceOption

    @OptionGroup var lessons: LessonsOption

    @Option(name: .customLong("reset"), help: ArgumentHelp("Forget your progress in lesson NAME (answer files stay).", valueName: "NAME"))
    var reset: String?

    func run() throws {
        let workspace = self.workspace.path
        let catalog: LessonCatalog
        do {
            catalog = LessonCatalog(folder: try lessons.folder())
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        let store = ProgressStore(workspace: workspace)
        var (record, problem) = store.load()
        if let problem { FileHandle.standardError.write(Data("warning: \(problem)\n".utf8)) }

        if let reset {
            let stem = try resolve(reset, in: catalog)
            var forgotten = record
            forgotten.lessons[stem] = nil
            if forgotten.current == stem { forgotten.current = nil }
            record = try save(forgotten, since: record, to: store)
            say("Forgot your progress in \(stem); your answers in \(LessonWorkspace.answerFolder(workspace: workspace, lesson: stem))/ stay.")
            if name == nil { return }
        }
        guard let name else { return list(catalog, record: record) }

        let stem: String
        if name.trimmingCharacters(in: .whitespaces).lowercased() == "next" {
            guard let next = try next(in: catalog, record: record) else { return }
            stem = next
        } else {
            stem = try resolve(name, in: catalog)
        }
        let lesson: Lesson
        do {
            lesson = try catalog.lesson(stem)
        } catch let diagnostic as Diagnostic {
            FileHandle.standardError.write(Data((diagnostic.rendered(width: Terminal.current(environment: ProcessInfo.processInfo.environment).width) + "\n").utf8))
            throw ExitCode(1)
        }
        Interrupts.install(interactive: Terminal.standardInputIsTTY())
        let environment = ProcessInfo.processInfo.environment
        let console = Session.makeConsole(terminal: Terminal.current(environment: environment), workspace: workspace)
        // What a lesson's commands and the learner's may touch: the workspace, as in `tutor check`.
        // The learner's interpreter has it; the lesson's own path (``ReferenceRun``) takes the
        // learner's policy for every interpreter it makes, and `run FILE.lesson` keeps to it.
        console.interpreter.pathPolicy = .inside(workspace)
        let dataDirectory = console.interpreter.session.bundledDataDirectory
        let makeInterpreter = { Interpreter(session: Session(bundledDataDirectory: dataDirectory)) }
        let after: ProgressRecord
        if Terminal.standardInputIsTTY() {
            let editor = console.makeLineEditor(environment: environment)
            let session = LessonSession(lesson: lesson, stem: stem, console: console, store: store, record: record,
                                        input: .editor(editor), makeInterpreter: makeInterpreter)
            session.run()
            editor.close()
            after = session.record
        } else {
            let session = LessonSession(lesson: lesson, stem: stem, console: console, store: store, record: record,
                                        input: .pipe, makeInterpreter: makeInterpreter)
            session.run()
            after = session.record
        }
        // Finishing the course's last lesson: the whole course at a glance.
        if let progress = after.lessons[stem], progress.next >= lesson.items.count {
            let lessons = catalog.stems.compactMap { stem in (try? catalog.lesson(stem)).map { (stem: stem, lesson: $0) } }
            if let summary = CourseReport.complete(lessons, record: after) { console.say("\n" + summary) }
        }
    }

    private func resolve(_ name: String, in catalog: LessonCatalog) throws -> String {
        switch catalog.resolve(name) {
        case .success(let stem): return stem
        case .failure(let error):
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The stem `tutor lesson next` takes: the course lesson after the one taken last, or the
    /// course's first. Nil (after saying why) when the course's last lesson was taken last.
    private func next(in catalog: LessonCatalog, record: ProgressRecord) throws -> String? {
        switch catalog.next(after: record.current) {
        case .lesson(let lesson):
            return lesson.stem
        case .finished(let last):
            if isFinished(last.stem, in: catalog, record: record) {
                say("You have finished the course: \(last.stem) was its last lesson. `tutor lesson NAME` takes any lesson again; `tutor lesson` lists them.")
            } else {
                say("There is no lesson after \(last.stem), the last one; `tutor lesson \(last.stem)` continues where you left off.")
            }
            return nil
        case .noLessons:
            FileHandle.standardError.write(Data("error: there are no lessons in \(catalog.folder)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Whether the learner has gone through the whole lesson `stem`.
    private func isFinished(_ stem: String, in catalog: LessonCatalog, record: ProgressRecord) -> Bool {
        guard let progress = record.lessons[stem], let lesson = try? catalog.lesson(stem) else { return false }
        return progress.next >= lesson.items.count
    }

    /// Saves what changed from `base` to `record` (see ``ProgressStore/save(_:since:)``); the record as written.
    private func save(_ record: ProgressRecord, since base: ProgressRecord, to store: ProgressStore) throws -> ProgressRecord {
        do {
            return try store.save(record, since: base)
        } catch {
            FileHandle.standardError.write(Data("error: cannot save progress to \(store.path): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// `tutor lesson`: the course's lessons with their exercises done/skipped/total, then the
    /// lessons for authors (the format's sample) apart, then where to go on. The lessons' file
    /// names and titles, and the exercise names, are shown with their controls visible (``VisibleText``).
    private func list(_ catalog: LessonCatalog, record: ProgressRecord) {
        guard !catalog.stems.isEmpty else {
            say("No lessons found in \(VisibleText.of(catalog.folder)).")
            return
        }
        let names = catalog.names
        let course = LessonNames.course(names), extras = LessonNames.extras(names)
        let width = catalog.stems.map { VisibleText.of($0).count }.max() ?? 0
        say("Lessons (\(VisibleText.of(catalog.folder))):")
        for lesson in course { say(row(lesson.stem, width: width, in: catalog, record: record), indent: width + 4) }
        if !extras.isEmpty {
            say("For lesson authors:")
            for lesson in extras { say(row(lesson.stem, width: width, in: catalog, record: record), indent: width + 4) }
        }
        guard let current = record.current, catalog.stems.contains(current), let lesson = try? catalog.lesson(current) else {
            let first = course.first.map { $0.numberText ?? $0.stem } ?? catalog.stems[0]
            say("Start with `tutor lesson \(VisibleText.of(first))`.")
            return
        }
        let progress = record.lessons[current] ?? LessonProgress()
        let shownCurrent = VisibleText.of(current)
        guard progress.next >= lesson.items.count else {
            let next = lesson.items[progress.next...].lazy.compactMap { item -> String? in
                if case .exercise(let exercise) = item { return exercise.name }
                return nil
            }.first
            say("You left off in \(shownCurrent)\(next.map { " before exercise \(VisibleText.of($0))" } ?? ""): `tutor lesson \(shownCurrent)` continues there.")
            return
        }
        switch catalog.next(after: current) {
        case .lesson(let next):
            say("You last finished \(shownCurrent). Take the next lesson, \(VisibleText.of(next.stem))\(next.title.map { " (\(VisibleText.of($0)))" } ?? ""), with `tutor lesson next`.")
        case .finished, .noLessons:
            say("You last finished \(shownCurrent), the last lesson: you have finished the course. `tutor lesson NAME` takes any lesson again.")
        }
    }

    /// Prints `text` laid out to the terminal's width, its broken lines going on at `indent`
    /// columns when given (the list's title column), else at their hanging indent.
    private func say(_ text: String, indent: Int? = nil) {
        let width = Terminal.current(environment: ProcessInfo.processInfo.environment).width
        print(text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { TextColumns.fit(line: String($0), width: width, indent: indent) }
            .joined(separator: "\n"))
    }

    /// One lesson's line of the list: its stem (padded to `width`), title, and the learner's progress.
    private func row(_ stem: String, width: Int, in catalog: LessonCatalog, record: ProgressRecord) -> String {
        let padded = TextColumns.padRight(VisibleText.of(stem), width)
        guard let lesson = try? catalog.lesson(stem) else {
            return "  \(padded)  (cannot be read: try `tutor run \(VisibleText.of(catalog.path(of: stem)))`)"
        }
        let progress = record.lessons[stem] ?? LessonProgress()
        let total = lesson.exercises.count
        let done = progress.count(.done, in: lesson), skipped = progress.count(.skipped, in: lesson)
        let state = progress.next >= lesson.items.count ? ", finished" : progress.next > 0 ? ", in progress" : ""
        return "  \(padded)  \(VisibleText.of(lesson.title)) — \(done) done, \(skipped) skipped of \(total)\(state)"
    }
}
