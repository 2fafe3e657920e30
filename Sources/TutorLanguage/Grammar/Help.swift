import TextFormat

/// What `help` shows: the whole list, or one topic in full (``HelpCatalog``).
public enum HelpPage: Equatable, Sendable {
    /// `help`: every command.
    case all
    /// `help TOPIC`: one command (a topic ``HelpCatalog/topic(named:)`` found) in full.
    case topic(String)
}

/// What `help` shows: every command's forms, a one-line description and runnable examples,
/// grouped as in the language reference, read off the ``CommandTable``. Data and plain-text
/// rendering to a width only; no printing.
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
        /// A line that runs as is: the one the list shows.
        public let example: String
        /// Lines that run as is, ``example`` first: `help TOPIC` shows them all.
        public let examples: [String]
        /// Lines `help TOPIC` shows under the summary; none for most commands.
        public let details: [String]
    }

    /// Every command, in the order of the language reference, as the ``CommandTable`` describes it.
    public static let entries: [Entry] = CommandTable.entries.map { entry in
        Entry(
            topic: entry.topic, aliases: entry.aliases, group: entry.group, forms: entry.forms.map(\.syntax),
            summary: entry.summary, example: entry.example, examples: entry.examples, details: entry.details)
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

    /// The fewest columns a description is given beside the forms; with less room `help` puts
    /// each description under its forms.
    static let narrowestDescription = 32

    /// The page as text laid out to `width` columns.
    public static func render(_ page: HelpPage, width: Int = TextColumns.defaultWidth) -> String {
        switch page {
        case .all: return renderAll(width: width)
        case .topic(let topic): return render(topic: topic, width: width) ?? ""
        }
    }

    /// `help`: every command, group by group, as a table: each command's forms together on the
    /// left, its description wrapped beside them and an example below its last form (`e.g. …`),
    /// so that the description is read as belonging to every one of its forms. When the terminal
    /// leaves the description too little room, it goes under the forms, indented.
    public static func renderAll(width: Int = TextColumns.defaultWidth) -> String {
        let width = max(TextColumns.narrowest, width)
        let formWidth = entries.flatMap(\.forms).map { TextColumns.width($0) }.max() ?? 0
        let beside = 2 + formWidth + 2 + narrowestDescription <= width
        var lines = TextColumns.fit(line: "Commands (`help COMMAND` shows one in full, with examples):", width: width)
        for group in Group.allCases {
            lines.append("")
            lines.append(group.rawValue)
            for entry in entries where entry.group == group {
                let example = "e.g. " + entry.example
                guard beside else {
                    lines += entry.forms.flatMap { TextColumns.fit(line: "  " + $0, width: width) }
                    lines += TextColumns.fit(line: "      " + entry.summary, width: width)
                    lines += TextColumns.fit(line: "      " + example, width: width)
                    continue
                }
                let summary = TextColumns.wrap(entry.summary, width: width - formWidth - 4)
                // The example goes below the last form, never beside one, so that it is not read
                // as belonging to that form alone.
                let rows = max(summary.count, entry.forms.count) + 1
                for row in 0..<rows {
                    let form = row < entry.forms.count ? entry.forms[row] : ""
                    let text = row < summary.count ? summary[row] : row == rows - 1 ? example : ""
                    let line = "  " + TextColumns.padRight(form, formWidth) + "  " + text
                    lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `help TOPIC`: every form of the topic, its description and its examples, laid out to
    /// `width` columns; nil for an unknown topic.
    public static func render(topic: String, width: Int = TextColumns.defaultWidth) -> String? {
        let found = entries(for: topic)
        guard !found.isEmpty else { return nil }
        return found.map { render($0, width: width) }.joined(separator: "\n\n")
    }

    /// One entry: its forms, then its description, its details and its examples, indented. An example is never
    /// broken (it is a line to type): where one does not fit beside `examples:`, each goes on a
    /// line of its own below it.
    public static func render(_ entry: Entry, width: Int = TextColumns.defaultWidth) -> String {
        let label = entry.examples.count == 1 ? "example: " : "examples: "
        var examples = entry.examples.enumerated().map { index, example in
            "    " + (index == 0 ? label : String(repeating: " ", count: label.count)) + example
        }
        if examples.contains(where: { TextColumns.width($0) > width }) {
            examples = ["    " + label.dropLast()] + entry.examples.map { "      " + $0 }
        }
        let described = (entry.forms + ["    " + entry.summary] + entry.details.map { "    " + $0 })
            .flatMap { TextColumns.fit(line: $0, width: width) }
        return (described + examples).joined(separator: "\n")
    }
}
