import Testing
import TextFormat
import TutorLanguage

@Test(arguments: [40, 60, 80, 100, 120])
func theListShowsEveryFormAndDescriptionWithinTheWidth(width: Int) {
    let text = HelpCatalog.renderAll(width: width)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for entry in HelpCatalog.entries {
        for form in entry.forms {
            #expect(lines.contains { $0.hasPrefix("  \(form)") }, "`help` at \(width) does not show `\(form)`")
        }
    }
    // Each description, wrapped, reads in order in its column, beside or under the forms.
    let first = lines.first { $0.hasPrefix("  data mnist [N [M]]") } ?? ""
    let column = first.count > 20 ? first.distance(from: first.startIndex, to: first.range(of: "load")?.lowerBound ?? first.endIndex) : 6
    let described = lines.map { $0.count > column ? String($0.dropFirst(column)) : "" }.joined(separator: " ")
        .split(separator: " ").joined(separator: " ")
    for entry in HelpCatalog.entries {
        #expect(described.contains(entry.summary), "`help` at \(width) breaks up the description of \(entry.topic)")
    }
    for group in HelpCatalog.Group.allCases {
        #expect(text.contains("\n\(group.rawValue)\n"))
    }
    for line in lines {
        #expect(TextColumns.width(line) <= width, "wider than \(width): \(line)")
    }
}

@Test func eachDescriptionStandsBesideAllOfItsFormsWithTheExampleBelowThem() {
    let text = HelpCatalog.renderAll(width: 80)
    #expect(text.hasPrefix("""
        Commands (`help COMMAND` shows one in full, with examples):

        Data
          data mnist [N [M]]                  load MNIST (all, the first N train and M
          data mnist from DIR                 test, or from DIR); `data` tells what is
          data                                loaded
                                              e.g. data mnist 1000 200
          show image N [train|test]           draw training (or test) example N with its
          show pixels N [train|test] [row R]  label, or print its 28×28 values, or row
                                              R's with their flattened positions
                                              e.g. show image 0
          draw                                draw a digit yourself (arrow keys and
                                              space, or 28 piped lines where `#` is
                                              ink), then see it fitted and centred as
                                              MNIST's digits were
                                              e.g. draw

        Model
        """))
    #expect(text.contains("""
          save model FILE                     save the model (architecture, settings,
          save notebook FILE                  weights, optimizer state), or this session
                                              as a notebook (.md or .ipynb)
                                              e.g. save notebook session.md
          load model FILE                     load a model saved with `save model`
        """))
}

@Test func onANarrowTerminalEachDescriptionGoesUnderAllOfItsForms() {
    #expect(HelpCatalog.renderAll(width: 60).hasPrefix("""
        Commands (`help COMMAND` shows one in full, with examples):

        Data
          data mnist [N [M]]
          data mnist from DIR
          data
              load MNIST (all, the first N train and M test, or from
              DIR); `data` tells what is loaded
              e.g. data mnist 1000 200
          show image N [train|test]
          show pixels N [train|test] [row R]
              draw training (or test) example N with its label, or
              print its 28×28 values, or row R's with their
              flattened positions
              e.g. show image 0
          draw
              draw a digit yourself (arrow keys and space, or 28
              piped lines where `#` is ink), then see it fitted and
              centred as MNIST's digits were
              e.g. draw

        Model
        """))
}

@Test func everyTopicIsACommandTheParserKnows() throws {
    #expect(HelpCatalog.topics.count == 30)
    for topic in HelpCatalog.topics {
        let expected = HelpCatalog.topic(named: topic)
        #expect(try Parser.parse("help \(topic)", line: 1, file: nil)?.command == .help(topic: expected))
    }
}

@Test(arguments: HelpCatalog.entries.flatMap(\.examples))
func everyExampleParses(_ example: String) throws {
    let statement = try Parser.parse(example, line: 1, file: nil)
    let firstWord = try #require(statement?.tokens.first?.text)
    #expect(HelpCatalog.entries(for: firstWord).contains { $0.examples.contains(example) })
}

@Test func oneTopicShowsEveryFormItsDescriptionAndItsExamples() {
    #expect(HelpCatalog.render(topic: "data", width: 80) == """
        data mnist [N [M]]
        data mnist from DIR
        data
            load MNIST (all, the first N train and M test, or from DIR); `data` tells
            what is loaded
            examples: data mnist 1000 200
                      data mnist from lessons/data/mnist
                      data
        """)
    #expect(HelpCatalog.render(topic: "pop", width: 80) == """
        pop
            remove the last layer
            example: pop
        """)
    #expect(HelpCatalog.render(topic: "FIT") == HelpCatalog.render(topic: "fit"))
    #expect(HelpCatalog.render(topic: "summary") == HelpCatalog.render(topic: "model"))
    #expect(HelpCatalog.render(topic: "fitt") == nil)
    #expect(HelpCatalog.render(.topic("pop"), width: 80) == HelpCatalog.render(topic: "pop", width: 80))
    #expect(HelpCatalog.render(.all, width: 80) == HelpCatalog.renderAll(width: 80))
}

@Test func anExampleIsNeverBrokenButGoesOnALineOfItsOwn() {
    #expect(HelpCatalog.render(topic: "fit", width: 40) == """
        fit N [batch N] [validate X]
            train N epochs, holding out a
            fraction X for validation; Ctrl-C
            stops after a batch
            examples:
              fit 3 batch 64 validate 0.1
              fit 1
        """)
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
    let lines = HelpCatalog.renderAll(width: 100).split(separator: "\n")
    let fit = try #require(lines.first { $0.hasPrefix("  fit ") })
    let loss = try #require(lines.first { $0.hasPrefix("  loss crossentropy") })
    let fitColumn = try #require(fit.range(of: "train N epochs")).lowerBound
    let lossColumn = try #require(loss.range(of: "choose the loss")).lowerBound
    #expect(fit.distance(from: fit.startIndex, to: fitColumn) == loss.distance(from: loss.startIndex, to: lossColumn))
}

@Test(arguments: [60, 100])
func theListShowsAnExampleForEveryCommand(width: Int) {
    let text = HelpCatalog.renderAll(width: width)
    for entry in HelpCatalog.entries {
        #expect(text.contains("e.g. " + entry.example + "\n") || text.hasSuffix("e.g. " + entry.example), "no example for \(entry.topic)")
    }
}
