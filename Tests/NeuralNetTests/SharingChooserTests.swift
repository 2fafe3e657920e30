import Testing
@testable import NeuralNet

/// The worker pool's choice between sharing its jobs and running them alone, fed job times as a
/// machine would give them.
struct SharingChooserTests {
    /// Runs `jobs` jobs, each taking `shared` while the chooser shares and `alone` while it does
    /// not; returns how many of them ran shared.
    static func run(_ chooser: inout SharingChooser, jobs: Int, shared: Duration, alone: Duration,
                    from start: inout ContinuousClock.Instant) -> Int {
        var sharedJobs = 0
        for _ in 0..<jobs {
            if chooser.sharing { sharedJobs += 1 }
            start = start.advanced(by: chooser.sharing ? shared : alone)
            chooser.jobEnded(at: start)
        }
        return sharedJobs
    }

    @Test func idleCoresKeepSharingAndOnlyProbeRarely() {
        var chooser = SharingChooser()
        var now = ContinuousClock.now
        let jobs = 200 * SharingChooser.windowJobs
        let shared = Self.run(&chooser, jobs: jobs, shared: .microseconds(100), alone: .microseconds(180), from: &now)
        #expect(chooser.sharing)
        // Probes back off to one window in 33: at most a few percent of the jobs ran alone.
        #expect(jobs - shared <= 12 * SharingChooser.windowJobs, "\(jobs - shared) of \(jobs) jobs ran alone")
    }

    @Test func aBusyMachineRunsAloneWithinTwoWindows() {
        var chooser = SharingChooser()
        var now = ContinuousClock.now
        let first = Self.run(&chooser, jobs: 2 * SharingChooser.windowJobs, shared: .microseconds(300), alone: .microseconds(180), from: &now)
        // The first window shared (and the job that starts the clock), the probe alone won.
        #expect(first == SharingChooser.windowJobs + 1)
        #expect(!chooser.sharing)
        let jobs = 200 * SharingChooser.windowJobs
        let shared = Self.run(&chooser, jobs: jobs, shared: .microseconds(300), alone: .microseconds(180), from: &now)
        #expect(!chooser.sharing)
        #expect(shared <= 12 * SharingChooser.windowJobs, "\(shared) of \(jobs) jobs ran shared")
    }

    @Test func whenTheOtherProgramEndsSharingComesBack() {
        var chooser = SharingChooser()
        var now = ContinuousClock.now
        _ = Self.run(&chooser, jobs: 100 * SharingChooser.windowJobs, shared: .microseconds(300), alone: .microseconds(180), from: &now)
        #expect(!chooser.sharing)
        // The machine is idle again: within the longest wait between probes, sharing wins.
        _ = Self.run(&chooser, jobs: (SharingChooser.mostWindowsBeforeProbe + 2) * SharingChooser.windowJobs,
                     shared: .microseconds(100), alone: .microseconds(180), from: &now)
        #expect(chooser.sharing)
    }

    @Test func aWindowSlowedBySomethingElseIsOutvotedSoon() {
        var chooser = SharingChooser()
        var now = ContinuousClock.now
        // Sharing is faster, but the first window is slowed tenfold: the probe alone wins it.
        _ = Self.run(&chooser, jobs: SharingChooser.windowJobs + 1, shared: .milliseconds(1), alone: .microseconds(180), from: &now)
        _ = Self.run(&chooser, jobs: SharingChooser.windowJobs, shared: .microseconds(100), alone: .microseconds(180), from: &now)
        #expect(!chooser.sharing)
        // Two windows later the next probe shares again, and sharing stays.
        _ = Self.run(&chooser, jobs: 3 * SharingChooser.windowJobs, shared: .microseconds(100), alone: .microseconds(180), from: &now)
        #expect(chooser.sharing)
        _ = Self.run(&chooser, jobs: 30 * SharingChooser.windowJobs, shared: .microseconds(100), alone: .microseconds(180), from: &now)
        #expect(chooser.sharing)
    }

    @Test func idleTimeBetweenJobsIsNotCounted() {
        var chooser = SharingChooser()
        var now = ContinuousClock.now
        // Sharing is faster; every alone-probe window would look fast only if the pauses counted
        // against sharing. A pause of a second before every 100th job changes nothing.
        for round in 0..<100 {
            now = now.advanced(by: .seconds(1))
            chooser.jobEnded(at: now)
            _ = Self.run(&chooser, jobs: SharingChooser.windowJobs + round % 7, shared: .microseconds(100), alone: .microseconds(180), from: &now)
        }
        #expect(chooser.sharing)
    }

    /// A busy machine as the pool sees it: shared jobs take 150 µs, but every 8th one waits 3 ms
    /// for a worker that lost its core; alone, every job takes 180 µs. Returns how many ran shared.
    static func runBusy(_ chooser: inout SharingChooser, jobs: Int, from start: inout ContinuousClock.Instant) -> Int {
        var sharedJobs = 0
        for _ in 0..<jobs {
            var waited: Duration = .zero
            if chooser.sharing {
                sharedJobs += 1
                waited = sharedJobs % 8 == 0 ? .milliseconds(3) : .microseconds(2)
            }
            start = start.advanced(by: chooser.sharing ? .microseconds(150) + waited : .microseconds(180))
            chooser.jobEnded(at: start, waited: waited)
        }
        return sharedJobs
    }

    @Test func aLongWaitEndsTheFirstWindowAndEveryProbeAtOnce() {
        var chooser = SharingChooser()
        var now = ContinuousClock.now
        // The first long wait (the 8th shared job) ends the first window: the probe alone wins.
        #expect(Self.runBusy(&chooser, jobs: 8, from: &now) == 8)
        #expect(!chooser.sharing)
        let jobs = 300 * SharingChooser.windowJobs
        let shared = Self.runBusy(&chooser, jobs: jobs, from: &now)
        #expect(!chooser.sharing)
        // Each probe that shares ends at its first long wait: 8 jobs, not a window of 128.
        #expect(shared > 0 && shared <= 6 * 8, "\(shared) of \(jobs) jobs ran shared")
    }

    @Test func aLongWaitInTheChosenWayDoesNotStartAProbe() {
        var chooser = SharingChooser()
        var now = ContinuousClock.now
        // Past the first two probes (after windows 1 and 10), well before the third.
        _ = Self.run(&chooser, jobs: 12 * SharingChooser.windowJobs, shared: .microseconds(100), alone: .microseconds(180), from: &now)
        #expect(chooser.sharing)
        // Sharing is chosen and faster; one long wait (a virtual core taken away for a moment)
        // leaves the window to run to its end, and sharing stays.
        now = now.advanced(by: .milliseconds(2))
        chooser.jobEnded(at: now, waited: .milliseconds(2))
        #expect(chooser.sharing)
        let alone = SharingChooser.windowJobs - Self.run(&chooser, jobs: SharingChooser.windowJobs, shared: .microseconds(100), alone: .microseconds(180), from: &now)
        #expect(alone == 0)
    }
}
