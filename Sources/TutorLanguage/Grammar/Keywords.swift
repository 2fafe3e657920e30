/// The language's first words and the words learners bring from elsewhere, for the parser's
/// suggestions and Tab completion. The words themselves come from the ``CommandTable``.
enum Keywords {
    /// Every command's first word, in the table's order (`summary` being an alias of `model`).
    static let commands = HelpCatalog.topics
    /// Words a learner coming from elsewhere may type for a command, with the command meant.
    static let commandSynonyms = [
        "exit": "quit", "dense": "layer dense", "flatten": "layer flatten", "train": "fit", "test": "evaluate",
        "summarize": "summary", "softmax": "show softmax", "sigmoid": "show sigmoid", "onehot": "show onehot",
    ]

    /// `a`, `a or b`, `a, b or c`.
    static func list(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        let rest = words.dropLast()
        return rest.isEmpty ? last : rest.joined(separator: ", ") + " or " + last
    }
}
