import Foundation
import Testing

/// A save killed half-way leaves nothing behind: not the model file, not a temporary file (on
/// Linux the bytes go to an unnamed file until they are all there), and the next save works.
/// Killed saves of large models used to leave `.NAME.RANDOM.tmp` files of hundreds of MB.
@Suite(.timeLimit(.minutes(5))) struct KilledSaveTests {
    /// The paths the open descriptors of process `pid` lead to.
    static func openFiles(of pid: Int32) -> [String] {
        let folder = "/proc/\(pid)/fd"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + $0) }
    }

    /// Starts `tutor` on `commands` in `folder`, and kills it (SIGKILL) as soon as it has a file
    /// open in `folder`; true when it was caught so, false when it ended first.
    static func killWhileWriting(_ commands: String, in folder: String) throws -> Bool {
        let process = Process()
        process.executableURL = TutorBinary.executable
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ["NO_COLOR": "1", "HOME": folder, "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": TutorBinary.cacheHome]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(commands.utf8))
        try input.fileHandleForWriting.close()
        let pid = process.processIdentifier
        let deadline = ContinuousClock.now + .seconds(120)
        var caught = false
        while process.isRunning, ContinuousClock.now < deadline {
            if openFiles(of: pid).contains(where: { $0.hasPrefix(folder + "/") }) {
                kill(pid, SIGKILL)
                caught = true
                break
            }
            usleep(500)
        }
        if process.isRunning, !caught { kill(pid, SIGKILL) }
        process.waitUntilExit()
        return caught && process.terminationReason == .uncaughtSignal
    }

    @Test func aKilledSaveLeavesNoFileAndTheNextSaveWorks() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-killed-save-\(UUID().uuidString)")
            .resolvingSymlinksInPath().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = TutorBinary.packageRoot.appendingPathComponent("lessons/data/mnist").path
        // 784 · 40,000 weights: a file of 125 MB, long enough to be caught writing it.
        let commands = "data mnist from \(data)\nlayer flatten\nlayer dense 40000 relu\nsave model big.tut\n"
        var caught = false
        for _ in 0..<3 where !caught {
            caught = try Self.killWhileWriting(commands, in: folder)
            if !caught { try? FileManager.default.removeItem(atPath: folder + "/big.tut") }
        }
        try #require(caught, "tutor was never caught with the model file open")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])

        let next = try await TutorBinary.run(
            [], input: "data mnist from \(data)\nlayer flatten\nlayer dense 10 softmax\nsave model big.tut\n",
            environment: ["HOME": folder], in: URL(fileURLWithPath: folder))
        #expect(next.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["big.tut"])
    }
}
