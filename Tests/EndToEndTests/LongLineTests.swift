import Foundation
import Testing

/// A piped line far past the 64 KiB limit: refused with its start shown, in bounded memory (the
/// reader keeps 64 KiB of it), and the session goes on with the next line.
struct LongLineTests {
    @Test func aPipedLineOfFortyMegabytesIsRefusedAndTheNextOneRuns() async throws {
        let long = "show softmax [" + String(repeating: "1, ", count: 13_333_333) + "1]"
        let result = try await TutorBinary.run([], input: long + "\nshow onehot 3\n")
        #expect(result.stdout.hasPrefix("""
            >>> show softmax [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 …
            error: this line is longer than the 65,536 bytes a line can have; nothing on it
                   was run
             --> 1:1
              |
            1 | show softmax [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 …
              | ^ put one command on each line
            >>> show onehot 3
            onehot(3)

            """))
        #expect(result.status == 1)
    }
}
