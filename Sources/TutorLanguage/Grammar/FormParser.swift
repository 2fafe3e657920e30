/// Reads one command off the ``CommandTable``: the command word picks the entries, the fixed words
/// that follow narrow them to one form, and the form's elements read the arguments. Every message
/// comes from the table (its nouns, descriptions and forms), so no command has hand-written parsing.
struct FormParser {
    var stream: TokenStream

    /// The command on the stream's line.
    mutating func command() throws(Diagnostic) -> Command {
        guard let first = stream.advance() else { throw stream.missing("a command", usage: []) }
        guard first.kind == .word else {
            throw stream.error(
                "expected a command, found `\(first.text)`", at: first, suggestion: "type `help` to list the commands")
        }
        let entries = CommandTable.entries.filter { entry in entry.forms.contains { $0.words[0].matches(first) } }
        var candidates = entries.flatMap(\.forms).filter { $0.words[0].matches(first) }
        guard let firstForm = candidates.first else {
            throw stream.error(
                "unknown command `\(first.text)` (type `help` to list the commands)", at: first,
                suggestion: Suggestion.command(for: first.text).map(Diagnostic.didYouMean))
        }
        var keywords = [firstForm.words[0].text]
        var depth = 1
        while true {
            let longer = candidates.filter { $0.words.count > depth }
            let ending = candidates.filter { $0.words.count == depth }
            guard !longer.isEmpty else { break }
            guard let token = stream.current else {
                if let bare = ending.first(where: { $0.elements.isEmpty }) ?? ending.first { return try finish(bare, keywords) }
                throw stream.missing(nounPhrase(entries, longer, depth), usage: keywords)
            }
            if let word = longer.first(where: { $0.words[depth].matches(token) })?.words[depth] {
                stream.advance()
                candidates = longer.filter { $0.words[depth].text == word.text }
                keywords.append(word.text)
                depth += 1
                continue
            }
            if let taking = ending.first(where: { !$0.elements.isEmpty }) { return try finish(taking, keywords) }
            let words = unique(longer.map(\.words[depth].text))
            let (word, _) = try stream.keyword(Self.noun(entries), from: words, usage: keywords)
            candidates = longer.filter { $0.words[depth].text == word }
            keywords.append(word)
            depth += 1
        }
        // Forms with the same words (`help`, `help COMMAND`): the bare one at the end of the line.
        let bare = candidates.first { $0.elements.isEmpty }
        let taking = candidates.first { !$0.elements.isEmpty }
        guard let form = stream.current == nil ? bare ?? taking : taking ?? bare else {
            preconditionFailure("the table narrowed to no form")
        }
        return try finish(form, keywords)
    }

    /// What the word after the command word is called in errors: the first noun its entries give.
    private static func noun(_ entries: [CommandEntry]) -> String {
        entries.lazy.compactMap(\.noun).first ?? "word"
    }

    /// "a layer kind (flatten or dense)": what the fixed word at `depth` is called, with its choices.
    private func nounPhrase(_ entries: [CommandEntry], _ forms: [Grammar.Form], _ depth: Int) -> String {
        let noun = Self.noun(entries)
        let words = unique(forms.map(\.words[depth].text))
        return "\(TokenStream.article(noun)) \(noun) (\(Keywords.list(words)))"
    }

    /// Reads `form`'s elements and the end of the line, then builds its command.
    private mutating func finish(_ form: Grammar.Form, _ keywords: [String]) throws(Diagnostic) -> Command {
        var values = Grammar.Values()
        try read(form.elements, of: form, usage: keywords, into: &values)
        let endsInPath: Bool
        if case .path? = form.elements.last { endsInPath = true } else { endsInPath = false }
        if let extra = stream.current { try rejectOtherFormsOption(extra, of: form) }
        try stream.expectEnd(usage: keywords, note: endsInPath ? "put a path with spaces in double quotes" : nil)
        return form.build(values)
    }

    /// Reads `elements` in order; `rest` tells an optional part whether anything after it could
    /// take the next token instead.
    private mutating func read(
        _ elements: [Grammar.Element], of form: Grammar.Form, usage: [String], into values: inout Grammar.Values,
        followedBy rest: [Grammar.Element] = []
    ) throws(Diagnostic) {
        for (index, element) in elements.enumerated() {
            let after = Array(elements[(index + 1)...]) + rest
            try read(element, of: form, usage: usage, into: &values, followedBy: after)
        }
    }

    private mutating func read(
        _ element: Grammar.Element, of form: Grammar.Form, usage: [String], into values: inout Grammar.Values,
        followedBy rest: [Grammar.Element]
    ) throws(Diagnostic) {
        switch element {
        case .whole(let field, _, let what, let bounds):
            switch bounds {
            case .atLeast(let minimum): values.stored[field] = .whole(try stream.wholeNumber(what, atLeast: minimum, usage: usage))
            case .within(let range): values.stored[field] = .whole(try stream.wholeNumber(what, in: range, usage: usage))
            case .unsigned: values.stored[field] = .unsigned(try stream.unsignedNumber(what, usage: usage))
            }
        case .number(let field, _, let what, let bounds, let single):
            let value: Double, token: Token
            if single {
                let (single, read) = try stream.float(what, usage: usage)
                (value, token) = (Double(single), read)
            } else {
                (value, token) = try stream.number(what, usage: usage)
            }
            guard bounds.contains(value) else {
                throw stream.error("\(what) must be \(bounds.phrase), found `\(token.text)`", at: token)
            }
            values.stored[field] = .number(value)
        case .arithmetic(let field, _, let what):
            let reading = try stream.arithmetic(what, usage: usage)
            values.stored[field] = .arithmetic(reading.value, expression: reading.expression)
        case .choice(let field, _, let noun, let words):
            try stream.rejectNamedArgument(noun, words: words, usage: usage)
            values.stored[field] = .word(try stream.keyword(noun, from: words, usage: usage).word)
        case .path(let field, _, let what):
            values.stored[field] = .text(try stream.path(what, usage: usage))
        case .operand(let field, _):
            values.stored[field] = .operand(try stream.operand(usage: usage))
        case .name(let field):
            values.stored[field] = .text(try stream.name(usage: usage))
        case .equals:
            try stream.equals(usage: usage)
        case .optionalWord(let field, let words):
            if let word = try stream.optionalWord(words) { values.stored[field] = .word(word) }
        case .optional(let elements):
            guard let token = stream.current, let first = elements.first else { return }
            if Self.canStart(first, token) || !rest.contains(where: { Self.canStart($0, token) }) {
                try rejectOtherFormsOption(token, of: form)
                try read(elements, of: form, usage: usage, into: &values, followedBy: rest)
            }
        case .options(let options):
            let noun = "\(form.words.last?.text ?? "") option"
            let words = options.map(\.word)
            var given: Set<String> = []
            while let token = stream.current, token.kind == .word {
                let (word, _) = try stream.keyword(noun, from: words, usage: usage)
                guard given.insert(word).inserted else {
                    throw stream.error("option `\(word)` given twice", at: token, suggestion: HelpCatalog.usage(usage))
                }
                guard let option = options.first(where: { $0.word == word }) else { continue }
                try read(option.elements, of: form, usage: usage, into: &values, followedBy: rest)
            }
        case .topic(let field):
            values.stored[field] = .text(try stream.helpTopic(usage: usage))
        }
    }

    /// Whether `token` could be the first token of `element`.
    static func canStart(_ element: Grammar.Element, _ token: Token) -> Bool {
        switch element {
        case .whole, .number: return token.kind == .number
        case .arithmetic: return token.kind == .number || (token.kind == .word && Arithmetic.mayBegin(token.text))
        case .choice(_, _, _, let words), .optionalWord(_, let words): return token.kind == .word && words.contains(token.keyword)
        case .options(let options): return options.contains { token.isKeyword($0.word) }
        case .optional(let elements): return elements.first.map { canStart($0, token) } ?? false
        case .path, .operand, .name, .topic: return true
        case .equals: return token.kind == .equals
        }
    }

    /// An option that another form of the same command takes (`momentum` after `optimizer adam`):
    /// "(only sgd takes a momentum)".
    private func rejectOtherFormsOption(_ token: Token, of form: Grammar.Form) throws(Diagnostic) {
        guard token.kind == .word, let command = form.words.first else { return }
        let siblings = CommandTable.entries.flatMap(\.forms).filter {
            $0.words.first?.text == command.text && $0.words.count == form.words.count && $0.syntax != form.syntax
        }
        for sibling in siblings where !Self.options(of: form).contains(token.keyword) {
            guard Self.options(of: sibling).contains(token.keyword), let name = sibling.words.last?.text else { continue }
            throw stream.error(
                "unexpected `\(token.text)` after `\(stream.typedSoFar)` (only \(name) takes \(TokenStream.article(token.keyword)) \(token.keyword))",
                at: token, suggestion: HelpCatalog.usage(form.keywords))
        }
    }

    /// The option words a form takes.
    private static func options(of form: Grammar.Form) -> [String] {
        form.elements.flatMap { element -> [String] in
            if case .options(let options) = element { return options.map(\.word) }
            return []
        }
    }

    private func unique(_ words: [String]) -> [String] {
        var seen: Set<String> = []
        return words.filter { seen.insert($0).inserted }
    }
}
