import ArgumentParser
import Foundation
import TextFormat
import TutorTerminal

/// `tutor notebooks`: where the notebooks of the last sessions are, newest first.
struct Notebooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the Markdown notebooks of your last \(SessionNotebook.kept) sessions, newest first.",
        discussion: """
            Every session at the keyboard (`tutor`) is kept as a Markdown notebook — each command \
            with what it printed — in $XDG_STATE_HOME/tutor/notebooks (by default \
            ~/.local/state/tutor/notebooks), written as the session goes, so that even a session \
            that crashed is kept. The newest \(SessionNotebook.kept) are kept; a session that ran \
            no command but `quit` leaves none.
            """)

    func run() throws {
        let folder = SessionNotebook.folder(environment: ProcessInfo.processInfo.environment)
        let notebooks = SessionNotebook.all(in: folder)
        guard !notebooks.isEmpty else {
            print(VisibleText.of("No session is kept yet. Each session at the keyboard is kept as a Markdown notebook in \(folder) (the newest \(SessionNotebook.kept))."))
            return
        }
        let sessions = notebooks.count == 1 ? "notebook of your last session" : "notebooks of your last \(notebooks.count) sessions, newest first"
        print(VisibleText.of("The \(sessions) (tutor keeps the newest \(SessionNotebook.kept), in \(folder)):"))
        for path in notebooks.reversed() { print(VisibleText.of(path)) }
    }
}
