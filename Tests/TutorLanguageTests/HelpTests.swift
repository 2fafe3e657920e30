import Testing
import TutorLanguage

@Test func theListShowsEveryCommandAndEveryForm() {
    let text = HelpCatalog.renderAll()
    for entry in HelpCatalog.entries {
        for form in entry.forms {
            #expect(text.contains("  \(form)"), "`help` does not show `\(form)`")
        }
        #expect(text.contains(entry.summary))
    }
    for group in HelpCatalog.Group.allCases {
        #expect(text.contains("\n\(group.rawValue)\n"))
    }
}

@Test func everyTopicIsACommandTheParserKnows() throws {
    #expect(HelpCatalog.topics.count == 26)
    for topic in HelpCatalog.topics {
        let expected = HelpCatalog.topic(named: topic)
        #expect(try Parser.parse("help \(topic)", line: 1, file: nil)?.command == .help(topic: expected))
    }
}

@Test(arguments: HelpCatalog.entries.map(\.example))
func everyExampleParses(_ example: String) throws {
    let statement = try Parser.parse(example, line: 1, file: nil)
    let firstWord = try #require(statement?.tokens.first?.text)
    #expect(HelpCatalog.entries(for: firstWord).contains { $0.example == example })
}

@Test func oneTopicShowsItsFormsDescriptionAndExample() {
    #expect(HelpCatalog.render(topic: "fit") == """
        fit N [batch N] [validate X]
            train N epochs, holding out a fraction X for validation; Ctrl-C stops after a batch
            example: fit 3 batch 64 validate 0.1
        """)
    #expect(HelpCatalog.render(topic: "FIT") == HelpCatalog.render(topic: "fit"))
    #expect(HelpCatalog.render(topic: "summary") == HelpCatalog.render(topic: "model"))
    #expect(HelpCatalog.render(topic: "fitt") == nil)
}

@Test func showGathersItsEntriesFromEveryGroup() throws {
    let text = try #require(HelpCatalog.render(topic: "show"))
    for form in ["show image N [train|test]", "show weights N", "show softmax V", "show flatten M", "show onehot N"] {
        #expect(text.contains(form))
    }
    #expect(HelpCatalog.entries(for: "show").map(\.group) == [.data, .model, .playground])
}

@Test func formsCanBeLookedUpByTheirLeadingWords() {
    #expect(HelpCatalog.forms(startingWith: ["optimizer", "SGD"]) == ["optimizer sgd [LR] [momentum X]"])
    #expect(HelpCatalog.forms(startingWith: ["data", "mnist"]) == ["data mnist [N [M]]", "data mnist from DIR"])
    #expect(HelpCatalog.forms(startingWith: ["nothing"]).isEmpty)
}

@Test func theListAlignsDescriptionsInOneColumn() throws {
    let lines = HelpCatalog.renderAll().split(separator: "\n")
    let fit = try #require(lines.first { $0.hasPrefix("  fit ") })
    let loss = try #require(lines.first { $0.hasPrefix("  loss crossentropy") })
    let fitColumn = try #require(fit.range(of: "train N epochs")).lowerBound
    let lossColumn = try #require(loss.range(of: "choose the loss")).lowerBound
    #expect(fit.distance(from: fit.startIndex, to: fitColumn) == loss.distance(from: loss.startIndex, to: lossColumn))
}

@Test func theListShowsAnExampleForEveryCommand() {
    let text = HelpCatalog.renderAll()
    for entry in HelpCatalog.entries {
        #expect(text.contains("e.g. " + entry.example), "no example for \(entry.topic)")
    }
}
