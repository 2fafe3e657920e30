import Foundation
import Testing

/// The engine shares each training step among threads, and overlaps loading the next batch with
/// the update: whatever the number of threads, the printed numbers are the same to the last digit.
struct ThreadCountTests {
    static let script = """
        data mnist 3000 500
        layer flatten
        layer dense 64 sigmoid
        layer dense 10 softmax
        fit 2 validate 0.1
        optimizer sgd 0.1 momentum 0.9
        fit 1 batch 7
        evaluate
        predict 3 test

        """

    @Test func oneTwoAndThreeThreadsPrintTheSameNumbers() async throws {
        var outputs: [String] = []
        for threads in ["1", "2", "3"] {
            let result = try await TutorBinary.run([], input: Self.script, environment: ["TUTOR_THREADS": threads])
            #expect(result.status == 0, "TUTOR_THREADS=\(threads): \(result.stderr)")
            outputs.append(TutorBinary.normalized(result.stdout))
        }
        #expect(outputs[0].contains("test set - accuracy: "))
        #expect(outputs[1] == outputs[0])
        #expect(outputs[2] == outputs[0])
    }
}
