import ChildProcess
import Foundation
import Testing

/// The helper every test uses to run another program: it returns when the program ends, even when
/// the program leaves a daemon behind (as `tmux new-session` leaves the tmux server), and a
/// program that never ends fails the test instead of stopping the whole run.
struct ChildProcessTests {
    @Test func aDaemonLeftBehindDoesNotHoldTheCaller() async throws {
        let result = try await ChildProcess.run(
            "/bin/sh", ["-c", "sleep 600 </dev/null >/dev/null 2>&1 & echo $!"], limit: .seconds(300))
        #expect(result.status == 0)
        let daemon = try #require(Int32(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        // The call came back while the daemon still runs: it did not wait for it to end.
        #expect(kill(daemon, 0) == 0, "the daemon should still be running")
        kill(daemon, SIGKILL)
    }

    @Test func outputErrorsInputAndStatus() async throws {
        let result = try await ChildProcess.run(
            "sh", ["-c", "tr a-z A-Z; echo \"$GREETING\" >&2; exit 3"], input: "quiet\n", environment: ["GREETING": "hello"])
        #expect(result.stdout == "QUIET\n")
        #expect(result.stderr == "hello\n")
        #expect(result.status == 3)
    }

    @Test func aProgramKilledBySignalReportsItAsAShellDoes() async throws {
        let result = try await ChildProcess.run("/bin/sh", ["-c", "kill -KILL $$"])
        #expect(result.status == 128 + 9)
    }

    @Test func aProgramThatNeverEndsIsKilledAtItsLimit() async throws {
        let marker = "tutor-test-never-ends-\(getpid())"
        await #expect(throws: ChildProcess.TimedOut.self) {
            _ = try await ChildProcess.run("/bin/bash", ["-c", "exec -a \(marker) sleep 600"], limit: .milliseconds(300))
        }
        // It was killed, not left running.
        #expect(Self.processes(named: marker).isEmpty)
    }

    /// The processes whose command line contains `text` (read from /proc).
    static func processes(named text: String) -> [String] {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return ids.filter { $0.allSatisfy(\.isNumber) }.filter { id in
            guard let data = FileManager.default.contents(atPath: "/proc/\(id)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).contains(text)
        }
    }
}
