import Foundation
import Lessons
import TutorLanguage

/// Shared helpers: the package's folders and interpreters on the bundled (small) MNIST.
enum Support {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let mnist = root.appendingPathComponent("lessons/data/mnist").path
    static let sampleLesson = root.appendingPathComponent("lessons/00-sample.lesson").path

    /// A fresh interpreter; `setup` lines run first and must succeed.
    static func interpreter(_ setup: [String] = []) throws -> Interpreter {
        let interpreter = Interpreter(session: Session(bundledDataDirectory: mnist))
        for (i, line) in setup.enumerated() {
            try interpreter.execute(line: line, number: i + 1) { _ in }
        }
        return interpreter
    }

    /// The rendered diagnostic of parsing `text` as a lesson, or nil when it parses.
    static func parseError(_ text: String) -> String? {
        do {
            _ = try LessonParser.parse(text, file: "t.lesson")
            return nil
        } catch {
            return error.rendered()
        }
    }
}
