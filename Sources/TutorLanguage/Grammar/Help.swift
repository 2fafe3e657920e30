/// What `help` shows: every command's forms, a one-line description and a runnable example,
/// grouped as in the language reference, read off the ``CommandTable``. Data and plain-text rendering only; no printing.
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

    /// Every command, in the order of the language reference, as the ``CommandTable`` describes it.
    public static let entries: [Entry] = CommandTable.entries.map { entry in
        Entry(
            topic: entry.topic, aliases: entry.aliases, group: entry.group, forms: entry.forms.map(\.syntax),
            summary: entry.summary, example: entry.example)
    }

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
