import Lessons
import NeuralNet
import Testing
import TutorLanguage

/// Lesson files assembled at random from the pieces of real ones — and broken pieces — are either
/// read or refused with a diagnostic that points at a line of the file; never a crash.
struct RandomLessonTests {
    static let pieces = [
        "# A title", "#", "> Some narration with **bold** words.", ">", "> ", "---", "--", "show softmax [2, 1, 0.1]",
        "layer dense 10 softmax", "data mnist 100 20", "fit 1", "exercise softmax-sum", "exercise", "exercise a b",
        "exercise é", "hint > Add them up.", "hint", "hint >", "solution answer 1", "solution", "solution show softmax [",
        "expect answer 1 within 0.001", "expect answer", "expect answer x", "expect layers flatten, dense 256 sigmoid",
        "expect layers flatten,, dense", "expect params 203530", "expect params -1", "expect accuracy >= 0.85",
        "expect accuracy >= 2", "expect accuracy <= 0.5", "expect outputs sum to 1", "expect outputs sum to",
        "expect optimizer sgd 0.1", "expect optimizer rmsprop", "expect batch 64", "expect epochs >= 3",
        "expect trained", "expect output activation softmax", "expect output activation sigmiod", "expect answr 1",
        "end", "end end", "\t", "", "🙂", "> \u{0}", "exercise softmax-sum\n> Q?\nsolution answer 1\nexpect answer 1\nend",
    ]

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomLessonsAreReadOrRefusedWithALine(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var read = 0
        for _ in 0..<500 {
            let count = generator.nextIndex(below: 8)
            let lines = (0..<count).map { _ in Self.pieces[generator.nextIndex(below: Self.pieces.count)] }
            // Most files start as a lesson must, with its title.
            let text = (generator.nextIndex(below: 10) < 8 ? ["# A lesson"] : []) + lines
            let source = text.joined(separator: "\n")
            do {
                _ = try LessonParser.parse(source, file: "random.lesson")
                read += 1
            } catch {
                let rendered = error.rendered()
                #expect(rendered.hasPrefix("error: "), "\(rendered)")
                #expect(rendered.contains("--> random.lesson:"), "no file:line in \(rendered) for:\n\(source)")
            }
        }
        #expect(read > 20 && read < 480, "\(read) of 500 random lessons were read")
    }
}
