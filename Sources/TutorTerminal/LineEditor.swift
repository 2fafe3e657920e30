// Line editing for the REPL on top of libedit: the only Swift file that imports CEditLine.

import CEditLine
import Files
import Foundation

/// What reading a line produced.
public enum LineResult: Equatable, Sendable {
    /// A line, without its line break.
    case line(String)
    /// Ctrl-C at the prompt: the line was dropped; prompt again.
    case interrupted
    /// Ctrl-D on an empty line, or the input ended.
    case endOfInput
}

/// An interactive line editor (libedit, emacs key bindings): arrows and Ctrl keys to
/// edit, Up/Down to recall history, Ctrl-R to search it, Tab to complete, Ctrl-L to clear the
/// screen, Ctrl-C to drop the line (or leave a search: never the program), Ctrl-D on an empty
/// line to end.
///
/// History is kept in memory and, when a file is given, appended to that file as each
/// line is accepted (see `HistoryFile`), so it survives crashes; blank lines, exact
/// repeats of the previous line and lines read from a pipe are not recorded. Ctrl-C is
/// caught only while a line is being read; the program's own SIGINT handler is back in
/// place as soon as `readLine` returns. Use one editor at a time, from one
/// thread; `~/.editrc` is read, then Tab is bound to `completer`.
public final class LineEditor {
    /// Given the line and the cursor (both in characters), returns where the word being
    /// completed starts (a character offset), the words that could replace it, and
    /// whether file system paths fit there too (relative to the current directory).
    public typealias Completer = (_ line: String, _ cursor: Int) -> (start: Int, candidates: [String], wantsPath: Bool)

    /// The tab completion hook; without one Tab rings the bell.
    public var completer: Completer?

    private let editLine: OpaquePointer?
    private let history: OpaquePointer?
    private let historyFile: HistoryFile?
    private var prompt: UnsafeMutablePointer<CChar>?
    private var previousLine: String?
    private var linesInFile = 0
    private var closed = false
    /// Lines typed by a person go to the history; lines piped in do not.
    private let interactive = Terminal.standardInputIsTTY()

    /// Creates an editor on standard input and output.
    ///
    /// - Parameters:
    ///   - programName: the name `~/.editrc` settings may be scoped to.
    ///   - historyFile: where history is loaded from and saved to; nil keeps it in memory.
    ///   - maxHistory: the most entries kept, in memory and in the file.
    public init(programName: String, historyFile: String?, maxHistory: Int) {
        tutor_el_use_utf8_locale()
        let limit = max(1, maxHistory)
        self.historyFile = historyFile.map { HistoryFile(path: $0, limit: limit) }
        editLine = tutor_el_init(programName)
        history = tutor_history_init(Int32(clamping: limit))
        guard let editLine else { return }

        tutor_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        tutor_el_set_prompt(editLine) { editLine in
            guard let editLine, let data = tutor_el_client_data(editLine) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().prompt
        }
        tutor_el_set_editor(editLine, "emacs")
        tutor_el_set_signal_handling(editLine, 1)
        if let history { tutor_el_use_history(editLine, history) }
        el_source(editLine, nil)
        tutor_el_add_command(editLine, "tutor-complete", "Complete the word before the cursor") { editLine, _ in
            guard let editLine, let data = tutor_el_client_data(editLine) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().complete(editLine)
        }
        tutor_el_bind(editLine, "^I", "tutor-complete")
        // Ctrl-L clears the screen at every prompt, on any terminal that understands ANSI
        // (libedit's own clear needs the terminal's terminfo entry, and prints a new line without
        // it); a `dumb` terminal keeps libedit's.
        if ProcessInfo.processInfo.environment["TERM"] != "dumb" {
            tutor_el_add_command(editLine, "tutor-clear-screen", "Clear the screen and redraw the line") { editLine, _ in
                guard let editLine else { return UInt8(CC_ERROR) }
                tutor_el_write(Terminal.clearScreen)
                tutor_el_refresh(editLine)
                return UInt8(CC_NORM)
            }
            tutor_el_bind(editLine, "^L", "tutor-clear-screen")
        }

        if let file = self.historyFile, let history {
            let entries = file.load()
            for entry in entries { tutor_history_enter(history, entry) }
            previousLine = entries.last
            linesInFile = entries.count
        }
    }

    deinit { close() }

    /// The history file path: `$XDG_STATE_HOME/tutor/history`, by default
    /// `~/.local/state/tutor/history`.
    public static func historyFilePath(environment: [String: String]) -> String {
        HistoryFile.defaultPath(environment: environment)
    }

    /// Shows `prompt` (which may contain ANSI colour sequences) and reads one line.
    public func readLine(prompt: String) -> LineResult {
        guard !closed, let editLine else { return readPlainLine(prompt: prompt) }
        setPrompt(prompt)

        var count: Int32 = 0
        tutor_el_catch_sigint()
        let text = el_gets(editLine, &count)
        let failure = errno
        let interrupted = tutor_el_was_interrupted() != 0
        tutor_el_release_sigint()

        // Ctrl-C drops the line, whatever libedit was doing: editing (the read fails with
        // EINTR) or a reverse search (Ctrl-R), which takes the failed read for end of input.
        if interrupted || (text == nil && count < 0 && failure == EINTR) {
            // Rewrite the text after the cursor so `^C` lands at the end of the line.
            tutor_el_write(LineEditor.textAfterCursor(editLine) + "^C\n")
            return .interrupted
        }
        guard let text else {
            if Terminal.standardInputIsTTY() { tutor_el_write("\n") }
            return .endOfInput
        }
        var line = String(cString: text)
        while line.last?.isNewline == true { line.removeLast() }
        record(line)
        return .line(line)
    }

    /// Compacts the history file and releases libedit, restoring the terminal. Reading
    /// after closing returns `.endOfInput`.
    public func close() {
        guard !closed else { return }
        closed = true
        historyFile?.compact()
        if let editLine { el_end(editLine) }
        if let history { history_end(history) }
        free(prompt)
        prompt = nil
    }

    // MARK: - History

    private func record(_ line: String) {
        guard interactive, HistoryFile.shouldRecord(line, after: previousLine) else { return }
        previousLine = line
        if let history { tutor_history_enter(history, line) }
        guard let historyFile else { return }
        historyFile.append(line)
        linesInFile += 1
        if linesInFile >= 2 * historyFile.limit {
            historyFile.compact()
            linesInFile = historyFile.limit
        }
    }

    // MARK: - Prompt

    private func setPrompt(_ text: String) {
        free(prompt)
        prompt = strdup(LineEditor.markInvisible(LineEditor.closingEarly(text)))
    }

    /// The prompt with the escape sequences that end it moved before its trailing spaces (or,
    /// without any, before its last Unicode scalar). libedit drops an escape sequence at the very
    /// end of a prompt (its `prompt_print` "loses the last literal"), so a colour's reset there
    /// would never be sent and the colour would run on into what is typed and printed.
    static func closingEarly(_ prompt: String) -> String {
        let pieces = escapePieces(prompt)
        let trailingEscapes = pieces.reversed().prefix(while: \.isEscape).count
        guard trailingEscapes > 0 else { return prompt }
        var body = Array(pieces.dropLast(trailingEscapes))
        let escapes = pieces.suffix(trailingEscapes)
        var tail: [(text: String, isEscape: Bool)] = []
        while let last = body.last, !last.isEscape, last.text == " " { tail.insert(body.removeLast(), at: 0) }
        if tail.isEmpty, let last = body.last, !last.isEscape { tail = [body.removeLast()] }
        return (body + escapes + tail).map(\.text).joined()
    }

    /// `prompt` cut into its escape sequences (ESC up to a final byte `@`…`~`, `[` excepted; an
    /// unfinished one at the end) and its other Unicode scalars, one piece each, in order.
    static func escapePieces(_ prompt: String) -> [(text: String, isEscape: Bool)] {
        var pieces: [(text: String, isEscape: Bool)] = []
        var escape: String?
        for scalar in prompt.unicodeScalars {
            if var sequence = escape {
                sequence.unicodeScalars.append(scalar)
                if scalar != "[", (0x40...0x7E).contains(scalar.value) {
                    pieces.append((sequence, true))
                    escape = nil
                } else {
                    escape = sequence
                }
            } else if scalar == "\u{1B}" {
                escape = "\u{1B}"
            } else {
                pieces.append((String(scalar), false))
            }
        }
        if let escape { pieces.append((escape, true)) }
        return pieces
    }

    /// Brackets each ANSI escape sequence with `\u{1}` so libedit does not count it in the
    /// prompt's width.
    static func markInvisible(_ prompt: String) -> String {
        escapePieces(prompt).map { $0.isEscape ? "\u{1}" + $0.text + "\u{1}" : $0.text }.joined()
    }

    /// Without libedit (it failed to start): print the prompt, read a plain line.
    private func readPlainLine(prompt: String) -> LineResult {
        guard !closed else { return .endOfInput }
        tutor_el_write(prompt)
        guard let line = StandardInput.readLine() else { return .endOfInput }
        record(line)
        return .line(line)
    }

    // MARK: - Completion

    /// The Tab command: asks `completer`, merges paths, and edits the line.
    private func complete(_ editLine: OpaquePointer) -> UInt8 {
        guard let completer, let info = el_line(editLine)?.pointee else { return UInt8(CC_REFRESH_BEEP) }
        let before = UnsafeBufferPointer(start: info.buffer, count: max(0, info.cursor - info.buffer))
        let after = UnsafeBufferPointer(start: info.cursor, count: max(0, info.lastchar - info.cursor))
        let head = String(decoding: before.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let line = head + String(decoding: after.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let cursor = head.count

        let answer = completer(line, cursor)
        let start = min(cursor, max(0, answer.start))
        let word = String(head.dropFirst(start))
        var candidates = answer.candidates
        if answer.wantsPath {
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            candidates = TabCompletion.merge(
                candidates, TabCompletion.pathCandidates(for: word, home: home, list: LineEditor.directoryEntries))
        }

        let outcome = TabCompletion.resolve(word: word, candidates: candidates)
        if outcome.replacement != word {
            el_deletestr(editLine, Int32(clamping: word.unicodeScalars.count))
            el_insertstr(editLine, outcome.replacement)
        }
        if !outcome.listing.isEmpty {
            let width = Terminal.windowColumns() ?? Terminal.defaultWidth
            tutor_el_write("\n" + TabCompletion.columns(outcome.listing, width: width) + "\n")
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(outcome.beep ? CC_REFRESH_BEEP : CC_REFRESH)
    }

    /// The part of the line being edited that follows the cursor.
    private static func textAfterCursor(_ editLine: OpaquePointer) -> String {
        guard let info = el_line(editLine)?.pointee else { return "" }
        let after = UnsafeBufferPointer(start: info.cursor, count: max(0, info.lastchar - info.cursor))
        return String(decoding: after.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The entries of a directory, nil when it cannot be read.
    private static func directoryEntries(_ path: String) -> [TabCompletion.Entry]? {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: path) else { return nil }
        return names.map { name in
            var isDirectory: ObjCBool = false
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            _ = manager.fileExists(atPath: full, isDirectory: &isDirectory)
            return TabCompletion.Entry(name: name, isDirectory: isDirectory.boolValue)
        }
    }
}
