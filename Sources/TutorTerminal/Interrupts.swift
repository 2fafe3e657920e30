#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Ctrl-C while a command runs: the signal handler only raises a flag, which the training loop
/// reads between batches (so the weights of the last finished batch are kept); other commands are
/// short and finish. At the prompt the line editor takes Ctrl-C itself (it clears the line).
/// Anywhere else — between commands read from a pipe — Ctrl-C ends the program as usual (exit
/// status 130).
public enum Interrupts {
    private static let requested = Atomic<Bool>(false)
    private static let training = Atomic<Bool>(false)

    /// Installs the SIGINT handler (once is enough), and makes sure SIGINT is not blocked: a
    /// program started by some launchers (tmux here) inherits a mask that blocks it.
    public static func install() {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        signal(SIGINT) { _ in
            if Interrupts.training.load(ordering: .relaxed) {
                Interrupts.requested.store(true, ordering: .relaxed)
            } else {
                _exit(130)
            }
        }
    }

    /// Runs `body` (one command) with Ctrl-C meaning "stop training after this batch"; the
    /// training loop polls ``stopRequested``.
    public static func whileTraining<T>(_ body: () throws -> T) rethrows -> T {
        requested.store(false, ordering: .relaxed)
        training.store(true, ordering: .relaxed)
        defer {
            training.store(false, ordering: .relaxed)
            requested.store(false, ordering: .relaxed)
        }
        return try body()
    }

    /// Whether Ctrl-C was pressed since training began.
    public static var stopRequested: Bool { requested.load(ordering: .relaxed) }
}
