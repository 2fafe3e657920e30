import Files
import Foundation
import NeuralNet
import Testing
@testable import TutorLanguage

/// Memory checked before it is taken, and only regular files read or replaced: the exact errors,
/// with nothing changed (and nothing waited on: a FIFO is never opened for a writer).
@Suite(.timeLimit(.minutes(2))) struct LimitTests {
    /// A fresh folder with a FIFO `pipe` in it, removed afterwards.
    static func withFIFO(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-limits-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #require(mkfifo(folder + "/pipe", 0o600) == 0)
        try body(folder)
    }

    /// A wide hidden layer and a batch of the whole training set: 4.47 GB of activations alone.
    @Test func aBatchBeyondTheMemoryCapIsRefusedWithWhatFits() throws {
        let interpreter = try InterpreterTests.interpreter(["data mnist", "layer flatten", "layer dense 20000 relu", "layer dense 10 softmax"])
        let before = interpreter.session.model?.parameters[1].values
        #expect(InterpreterTests.error(interpreter, "fit 1 batch 60000") == """
            error: fit with batch 60,000 would need 10.10 GB for this model (parameters 121.31 MB, the optimizer's state 121.31 MB, the copy that undoes a diverged epoch 181.96 MB, the training data's index 35.00 MB, the batch's activations 4.47 GB, the batch's gradients 4.47 GB, the batch's inputs by rows and by columns 718.06 MB), more than tutor's 2.00 GB limit: use a smaller batch (at most 9,648 here)
             --> 1:1
              |
            1 | fit 1 batch 60000
              | ^^^^^^^^^^^^^^^^^
            """)
        #expect(interpreter.session.history.isEmpty)
        #expect(interpreter.session.model?.parameters[1].values == before)
        // The session's batch setting is checked the same way.
        try interpreter.execute(line: "batch 60000", number: 2) { _ in }
        #expect(InterpreterTests.error(interpreter, "fit 1")?.hasPrefix("error: fit with batch 60,000 would need 10.10 GB") == true)
    }

    @Test func loadModelRefusesAFIFOAndADevice() throws {
        try Self.withFIFO { folder in
            let interpreter = try InterpreterTests.interpreter()
            #expect(InterpreterTests.error(interpreter, "load model \(folder)/pipe") == """
                error: cannot load the model: \(folder)/pipe is a FIFO (named pipe), not a tutor model file
                 --> 1:12
                  |
                1 | load model \(folder)/pipe
                  |            \(String(repeating: "^", count: folder.count + 5))
                """)
            #expect(InterpreterTests.error(interpreter, "load model /dev/zero") == """
                error: cannot load the model: /dev/zero is a character device, not a tutor model file
                 --> 1:12
                  |
                1 | load model /dev/zero
                  |            ^^^^^^^^^
                """)
            #expect(interpreter.session.model == nil)
        }
    }

    /// A folder whose test labels are a FIFO: refused by name, nothing waited on.
    @Test func dataFromAFolderWithAFIFO() throws {
        try Self.withFIFO { folder in
            for name in ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"] {
                try FileManager.default.copyItem(atPath: InterpreterTests.mnist + "/" + name, toPath: folder + "/" + name)
            }
            try #require(mkfifo(folder + "/t10k-labels-idx1-ubyte.gz", 0o600) == 0)
            let interpreter = try InterpreterTests.interpreter()
            #expect(InterpreterTests.error(interpreter, "data mnist from \(folder)")?.hasPrefix("""
                error: cannot load MNIST: \(folder)/t10k-labels-idx1-ubyte.gz is a FIFO (named pipe), not an MNIST data file
                """) == true)
            #expect(interpreter.session.data == nil)
        }
    }

    /// Saving onto a FIFO or a device is refused, and the node stays what it was.
    @Test func savesRefuseWhatIsNotARegularFile() throws {
        try Self.withFIFO { folder in
            let interpreter = try InterpreterTests.interpreter(InterpreterTests.model)
            let pipe = folder + "/pipe"
            #expect(InterpreterTests.error(interpreter, "save model \(pipe)")?.hasPrefix(
                "error: cannot save the model: \(pipe) cannot be written: it is a FIFO (named pipe), not a regular file\n") == true)
            #expect(InterpreterTests.error(interpreter, "export keras \(pipe)")?.hasPrefix(
                "error: cannot write `\(pipe)`: it is a FIFO (named pipe), not a regular file\n") == true)
            #expect(InterpreterTests.error(interpreter, "save notebook /dev/full")?.hasPrefix(
                "error: cannot write `/dev/full`: it is a character device, not a regular file\n") == true)
            var info = stat()
            #expect(lstat(pipe, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
            #expect(lstat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["pipe"])
        }
    }

    @Test func runReadsOnlyRegularTextFilesOfBoundedSize() throws {
        try Self.withFIFO { folder in
            let interpreter = try InterpreterTests.interpreter()
            #expect(InterpreterTests.error(interpreter, "run \(folder)/pipe")?.hasPrefix(
                "error: cannot run `\(folder)/pipe`: it is a FIFO (named pipe), not a script or lesson file\n") == true)
            #expect(InterpreterTests.error(interpreter, "run /dev/zero")?.hasPrefix(
                "error: cannot run `/dev/zero`: it is a character device, not a script or lesson file\n") == true)
            let huge = folder + "/huge.tut"
            #expect(FileManager.default.createFile(atPath: huge, contents: nil))
            try #require(truncate(huge, off_t(FileLimits.textFileBytes + 1)) == 0)
            #expect(InterpreterTests.error(interpreter, "run \(huge)")?.hasPrefix(
                "error: cannot run `\(huge)`: it is 4,194,305 bytes, more than the 4,194,304 bytes a script or lesson file can have\n") == true)
            let binary = folder + "/binary.tut"
            try Data([0x68, 0x65, 0xFF]).write(to: URL(fileURLWithPath: binary))
            #expect(InterpreterTests.error(interpreter, "run \(binary)")?.hasPrefix(
                "error: cannot run `\(binary)`: it is not a script or lesson file: the byte at offset 2 is not UTF-8 text\n") == true)
        }
    }

    /// A line past the limit is refused before it is split into tokens (which takes many times
    /// its size); what is shown of it is its start.
    @Test(arguments: [1 << 20, 40_000_000])
    func aLineTooLongIsRefusedBeforeLexing(bytes: Int) throws {
        let line = "show softmax [" + String(repeating: "1, ", count: bytes / 3) + "1]"
        let interpreter = try InterpreterTests.interpreter()
        #expect(InterpreterTests.error(interpreter, line) == """
            error: this line is longer than the 65,536 bytes a line can have; nothing on it was run
             --> 1:1
              |
            1 | show softmax [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 …
              | ^ put one command on each line
            """)
        #expect(interpreter.session.commands.isEmpty)
    }

    @Test func aLineAtTheLimitIsRead() throws {
        let padding = FileLimits.lineBytes - "show onehot 3 #".utf8.count
        let line = "show onehot 3 #" + String(repeating: "x", count: padding)
        #expect(line.utf8.count == FileLimits.lineBytes)
        #expect(!Parser.isTooLong(line))
        #expect(Parser.isTooLong(line + "x"))
        #expect(!Parser.isTooLong(line + "\n"))
        #expect(try Parser.parse(line, line: 1, file: nil) != nil)
        #expect(Parser.shown(line) == line)
    }
}
