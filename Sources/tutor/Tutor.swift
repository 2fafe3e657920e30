import ArgumentParser
import NeuralNet

/// The `tutor` program: argument parsing only; the work is done by the library modules.
@main
struct Tutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tutor",
        abstract: "A terminal notebook that teaches how neural networks recognise handwritten digits.",
        subcommands: [Repl.self, Run.self, LessonCommand.self, Check.self, Notebooks.self, Bench.self],
        defaultSubcommand: Repl.self)

    /// Every subcommand keeps decoded MNIST files in the user's cache (see README, "Data").
    static func main() {
        MNIST.cache = DecodedCache.user()
        main(nil)
    }
}
