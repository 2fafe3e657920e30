/// What `help` shows: every command's forms, a one-line description and a runnable example,
/// grouped as in the language reference. Data and plain-text rendering only; no printing.
public enum HelpCatalog {
    /// The sections of the command list.
    public enum Group: String, CaseIterable, Sendable {
        case data = "Data"
        case model = "Model"
        case training = "Training"
        case playground = "The math playground"
        case exercises = "Exercises"
        case files = "Files and session"
    }

    /// One block of the command list. A command whose forms belong to several groups (`show`) has
    /// one entry per group, all with the same ``topic``.
    public struct Entry: Equatable, Sendable {
        /// The command's first keyword, which `help TOPIC` takes.
        public let topic: String
        /// Other first words that mean the same command (`summary` for `model`).
        public let aliases: [String]
        public let group: Group
        /// The syntax of each form, e.g. `optimizer adam [LR]`.
        public let forms: [String]
        /// What the command does, in one line.
        public let summary: String
        /// A line that runs as is.
        public let example: String
    }

    /// Every command, in the order of the language reference.
    public static let entries: [Entry] = [
        Entry(topic: "data", aliases: [], group: .data,
              forms: ["data mnist [N [M]]", "data mnist from DIR", "data"],
              summary: "load MNIST (all, the first N train and M test, or from DIR); `data` tells what is loaded",
              example: "data mnist 1000 200"),
        Entry(topic: "show", aliases: [], group: .data,
              forms: ["show image N [test]", "show pixels N [test]"],
              summary: "draw training (or test) example N with its label, or print its 28×28 values",
              example: "show image 0"),
        Entry(topic: "layer", aliases: [], group: .model,
              forms: ["layer flatten", "layer dense N [ACT]", "layer dropout RATE"],
              summary: "add a layer: flatten 28×28 into 784, or N dense units (ACT: sigmoid relu tanh softmax linear)",
              example: "layer dense 256 sigmoid"),
        Entry(topic: "model", aliases: ["summary"], group: .model,
              forms: ["model", "summary"],
              summary: "the model as a Keras-style table: layers, output shapes, parameter counts",
              example: "model"),
        Entry(topic: "pop", aliases: [], group: .model, forms: ["pop"],
              summary: "remove the last layer", example: "pop"),
        Entry(topic: "reset", aliases: [], group: .model, forms: ["reset"],
              summary: "forget the model and its training (the data stays)", example: "reset"),
        Entry(topic: "show", aliases: [], group: .model, forms: ["show weights N"],
              summary: "the incoming weights of unit N of the first dense layer, drawn as an image",
              example: "show weights 0"),
        Entry(topic: "optimizer", aliases: [], group: .training,
              forms: ["optimizer adam [LR]", "optimizer sgd [LR] [momentum X]"],
              summary: "choose the optimizer; Keras' defaults: adam 0.001, sgd 0.01 without momentum",
              example: "optimizer sgd 0.1 momentum 0.9"),
        Entry(topic: "loss", aliases: [], group: .training, forms: ["loss crossentropy", "loss mse"],
              summary: "choose the loss; default crossentropy (labels as digits, as sparse_categorical_crossentropy)",
              example: "loss mse"),
        Entry(topic: "batch", aliases: [], group: .training, forms: ["batch N"],
              summary: "examples per training step (default 32)", example: "batch 64"),
        Entry(topic: "seed", aliases: [], group: .training, forms: ["seed N"],
              summary: "seed the weights and the shuffling (default 42): same seed, same numbers",
              example: "seed 7"),
        Entry(topic: "fit", aliases: [], group: .training, forms: ["fit N [batch N] [validate X]"],
              summary: "train N epochs, holding out a fraction X for validation; Ctrl-C stops after a batch",
              example: "fit 3 batch 64 validate 0.1"),
        Entry(topic: "evaluate", aliases: [], group: .training, forms: ["evaluate"],
              summary: "accuracy and loss on the test set", example: "evaluate"),
        Entry(topic: "predict", aliases: [], group: .training, forms: ["predict N [test]"],
              summary: "example N, the ten outputs as bars, the predicted digit and the true label",
              example: "predict 0 test"),
        Entry(topic: "confusion", aliases: [], group: .training, forms: ["confusion"],
              summary: "the 10×10 confusion matrix on the test set", example: "confusion"),
        Entry(topic: "plot", aliases: [], group: .training, forms: ["plot loss", "plot accuracy"],
              summary: "chart the loss or the accuracy of every epoch so far", example: "plot loss"),
        Entry(topic: "show", aliases: [], group: .playground,
              forms: [
                  "show softmax V", "show sigmoid V", "show relu V", "show tanh V", "show linear V",
                  "show flatten M", "show onehot N",
              ],
              summary: "an activation applied to a vector, a matrix flattened, the one-hot vector of digit N",
              example: "show softmax [2, 1, 0.1]"),
        Entry(topic: "let", aliases: [], group: .playground, forms: ["let NAME = V"],
              summary: "name a vector or matrix, to use wherever V fits", example: "let scores = [2, 1, 0.1]"),
        Entry(topic: "answer", aliases: [], group: .exercises, forms: ["answer X"],
              summary: "answer an exercise with a number", example: "answer 1"),
        Entry(topic: "save", aliases: [], group: .files, forms: ["save model FILE", "save notebook FILE"],
              summary: "save the model (architecture, settings, weights, optimizer state), or this session as Markdown",
              example: "save notebook session.md"),
        Entry(topic: "load", aliases: [], group: .files, forms: ["load model FILE"],
              summary: "load a model saved with `save model`", example: "load model digits.model"),
        Entry(topic: "export", aliases: [], group: .files, forms: ["export keras FILE"],
              summary: "write the model and its training as an equivalent Keras program",
              example: "export keras digits.py"),
        Entry(topic: "run", aliases: [], group: .files, forms: ["run FILE"],
              summary: "replay a script or lesson in this session", example: "run experiment.tut"),
        Entry(topic: "help", aliases: [], group: .files, forms: ["help", "help COMMAND"],
              summary: "list the commands, or show one with an example", example: "help fit"),
        Entry(topic: "history", aliases: [], group: .files, forms: ["history"],
              summary: "the commands typed so far", example: "history"),
        Entry(topic: "clear", aliases: [], group: .files, forms: ["clear"],
              summary: "clear the screen", example: "clear"),
        Entry(topic: "quit", aliases: [], group: .files, forms: ["quit"],
              summary: "leave tutor", example: "quit"),
    ]

    /// Every topic `help TOPIC` accepts, aliases included, in catalog order.
    public static var topics: [String] {
        var seen: Set<String> = []
        return entries.flatMap { [$0.topic] + $0.aliases }.filter { seen.insert($0).inserted }
    }

    /// The topic `word` names (ignoring case, resolving aliases), or nil.
    public static func topic(named word: String) -> String? {
        let word = word.lowercased()
        return entries.first { $0.topic == word || $0.aliases.contains(word) }?.topic
    }

    /// The entries for `topic` (a topic or alias, any case); empty when unknown.
    public static func entries(for topic: String) -> [Entry] {
        guard let topic = self.topic(named: topic) else { return [] }
        return entries.filter { $0.topic == topic }
    }

    /// The forms whose leading words are `keywords` (ignoring case), e.g. `["optimizer", "sgd"]`
    /// gives `["optimizer sgd [LR] [momentum X]"]`.
    public static func forms(startingWith keywords: [String]) -> [String] {
        let keywords = keywords.map { $0.lowercased() }
        return entries.flatMap(\.forms).filter { form in
            let words = form.split(separator: " ").map(String.init)
            return words.count >= keywords.count && Array(words.prefix(keywords.count)) == keywords
        }
    }

    /// "usage: fit N [batch N] [validate X]" for the forms starting with `keywords`, or nil.
    static func usage(_ keywords: [String]) -> String? {
        let forms = forms(startingWith: keywords)
        return forms.isEmpty ? nil : "usage: " + forms.joined(separator: " or ")
    }

    /// `help`: every form with its description and an example, group by group.
    public static func renderAll() -> String {
        let width = entries.flatMap(\.forms).map(\.count).max() ?? 0
        func row(_ form: String, _ text: String) -> String {
            text.isEmpty ? "  \(form)" : "  \(form + String(repeating: " ", count: width - form.count))  \(text)"
        }
        var lines = ["Commands (`help COMMAND` shows one in full):"]
        for group in Group.allCases {
            lines.append("")
            lines.append(group.rawValue)
            for entry in entries where entry.group == group {
                let example = "e.g. " + entry.example
                // The example goes on a line of its own, under all the forms, so that it is never
                // read as belonging to the form beside it.
                for (index, form) in entry.forms.enumerated() {
                    lines.append(row(form, index == 0 ? entry.summary : ""))
                }
                lines.append(row("", example))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `help TOPIC`: the topic's forms, description and example; nil for an unknown topic.
    public static func render(topic: String) -> String? {
        let found = entries(for: topic)
        guard !found.isEmpty else { return nil }
        return found.map(render).joined(separator: "\n\n")
    }

    /// One entry: its forms, then its description and example, indented.
    public static func render(_ entry: Entry) -> String {
        (entry.forms + ["    \(entry.summary)", "    example: \(entry.example)"]).joined(separator: "\n")
    }
}
