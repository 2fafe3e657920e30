/// Decides, from measured time, whether the worker pool shares its jobs with the workers or the
/// calling thread runs them alone.
///
/// Sharing is faster on idle cores; on a busy machine (a learner's laptop always runs something
/// else) it can be slower, because a worker whose core another program has taken holds up every
/// step it took a piece of. Which is faster is not guessed but measured: jobs are counted in
/// windows of ``windowJobs``, each timed from the end of the job before it to its own end (so the
/// steps' serial work counts too), and after some windows in one way one window is run the other
/// way. The other way is kept when its window was faster than the median of the chosen way's
/// last three, so that one window slowed by something else does not decide. The first probe
/// comes after one window; each probe that loses makes the wait for the next ``probeBackOff``
/// times longer, up to ``mostWindowsBeforeProbe``, so a steady machine rarely pays for a probe
/// and one that changes is noticed within seconds (BENCHMARKS.md, "A busy machine", has the
/// measurements behind these settings). A pause longer than ``longestGap`` between jobs (the
/// learner typing) starts the window again, so idle time never counts. Windows are compared by
/// their mean time per job.
///
/// A window that shares on trial — the probes, and the first window of all — ends at once when
/// the calling thread had to wait ``longestWait`` or more for a worker's piece: the worker has
/// lost its core to another program (its piece resumes only when the scheduler gives the core
/// back, a time slice later), and finishing the window that way would only cost more of the same.
/// So on a busy machine a probe costs about one such wait instead of a whole window. A window
/// the chosen way runs to its end: one long wait on an idle machine (a virtual machine's core
/// taken away for a moment) does not start a probe. The results never depend on the choice:
/// every piece computes the same numbers whichever thread runs it.
struct SharingChooser {
    /// Jobs per measured window: about 43 training steps (three jobs each).
    static let windowJobs = 128
    /// The most windows run the chosen way before one window tries the other (16,384 jobs, about
    /// 5,500 training steps: one to two seconds on the 2-core development machine).
    static let mostWindowsBeforeProbe = 128
    /// How much longer the wait for the next probe grows each time a probe loses.
    static let probeBackOff = 8
    /// The longest pause between two jobs that still counts as work.
    static let longestGap: Duration = .milliseconds(20)
    /// A wait this long for a worker's piece ends a window that shares on trial: a piece takes a
    /// few microseconds, so the worker was not running.
    static let longestWait: Duration = .microseconds(500)

    /// Whether the jobs are shared with the workers now.
    private(set) var sharing = true
    /// The way chosen (the one probes return to when the other is not faster).
    private var chosen = true
    private var probing = false
    private var windowsDone = 0
    private var windowsBeforeProbe = 1
    private var jobs = 0
    private var elapsed: Duration = .zero
    private var lastEnd: ContinuousClock.Instant?
    /// The last three windows' mean times per job in the chosen way, the newest last.
    private var chosenTimes: [Duration] = []

    /// The median of the chosen way's last windows.
    private var chosenTime: Duration? {
        chosenTimes.isEmpty ? nil : chosenTimes.sorted()[chosenTimes.count / 2]
    }

    /// Whether the window under way shares on trial: a probe that shares, or the first window.
    private var sharingOnTrial: Bool { sharing && (probing || chosenTimes.isEmpty) }

    /// Counts a job that ended at `end`, for which the calling thread waited `waited` for the
    /// workers after its own pieces.
    mutating func jobEnded(at end: ContinuousClock.Instant, waited: Duration = .zero) {
        defer { lastEnd = end }
        guard let lastEnd, end - lastEnd <= Self.longestGap else {
            jobs = 0
            elapsed = .zero
            return
        }
        elapsed += end - lastEnd
        jobs += 1
        guard jobs == Self.windowJobs || (waited >= Self.longestWait && sharingOnTrial) else { return }
        windowEnded(taking: elapsed / jobs)
        jobs = 0
        elapsed = .zero
    }

    /// Ends a window whose jobs took `time` each, on average.
    private mutating func windowEnded(taking time: Duration) {
        if probing {
            // The other way won if it was faster than the chosen way's last window.
            if let chosenTime, time < chosenTime {
                chosen = sharing
                chosenTimes = [time]
                windowsBeforeProbe = 2
            } else {
                windowsBeforeProbe = min(Self.probeBackOff * windowsBeforeProbe, Self.mostWindowsBeforeProbe)
            }
            probing = false
            sharing = chosen
            windowsDone = 0
            return
        }
        chosenTimes = Array((chosenTimes + [time]).suffix(3))
        windowsDone += 1
        if windowsDone >= windowsBeforeProbe {
            probing = true
            sharing = !chosen
        }
    }
}
