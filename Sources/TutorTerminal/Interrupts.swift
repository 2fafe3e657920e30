#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Ctrl-C while a command runs (or a script, a lesson, a lesson's rebuild): the signal handler
/// only raises a flag, which the interpreter's ``Interpreter/shouldStop`` reads — `fit` between
/// batches (keeping the weights of the last finished batch), `evaluate` and `confusion` between
/// chunks of examples, `data mnist` and `load model` once their files are read (changing
/// nothing), scripts and lessons before their next line. At the prompt the line editor takes
/// Ctrl-C itself (it drops the line, or leaves a search). In an interactive session (someone at
/// the keyboard) Ctrl-C never ends the program: pressed between a command and the next prompt it
/// does nothing. Anywhere else — between commands read from a pipe — it ends the program as
/// usual (exit status 130).
public enum Interrupts {
    private static let requested = Atomic<Bool>(false)
    private static let training = Atomic<Bool>(false)
    private static let interactive = Atomic<Bool>(false)
    private static let echoed = Atomic<Bool>(false)

    /// Installs the SIGINT handler (once is enough), and makes sure SIGINT is not blocked: a
    /// program started by some launchers (tmux here) inherits a mask that blocks it.
    ///
    /// - Parameter interactive: someone types the commands (standard input is a terminal), so
    ///   Ctrl-C outside a command is ignored instead of ending the program.
    public static func install(interactive: Bool = false) {
        Interrupts.interactive.store(interactive, ordering: .relaxed)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        signal(SIGINT) { _ in
            if Interrupts.training.load(ordering: .relaxed) {
                Interrupts.requested.store(true, ordering: .relaxed)
                Interrupts.echoed.store(true, ordering: .relaxed)
            } else if !Interrupts.interactive.load(ordering: .relaxed) {
                _exit(130)
            }
        }
    }

    /// Runs `body` (a command, a script or a lesson) with Ctrl-C meaning "stop": the commands
    /// poll ``stopRequested`` (the name is from when only `fit` did). Inside another
    /// `whileTraining` (a lesson replayed by `run FILE.lesson`) the outer one keeps the flag, so
    /// that a Ctrl-C in the inner one is still seen when it returns.
    public static func whileTraining<T>(_ body: () throws -> T) rethrows -> T {
        guard !training.load(ordering: .relaxed) else { return try body() }
        requested.store(false, ordering: .relaxed)
        training.store(true, ordering: .relaxed)
        defer {
            training.store(false, ordering: .relaxed)
            requested.store(false, ordering: .relaxed)
        }
        return try body()
    }

    /// Whether Ctrl-C was pressed since the outermost ``whileTraining(_:)`` began.
    public static var stopRequested: Bool { requested.load(ordering: .relaxed) }

    /// Whether Ctrl-C stopped a command since the last call: the terminal then echoed `^C` where
    /// the cursor was, which the next thing shown should write over.
    public static func takeEcho() -> Bool { echoed.exchange(false, ordering: .relaxed) }
}
