import Testing
@testable import TutorTerminal

/// Tab completion decisions, without a terminal.
@Suite struct CompletionTests {
    @Test func oneCandidateCompletesWithASpace() {
        #expect(Completion.resolve(word: "mo", candidates: ["model"])
            == .init(replacement: "model ", listing: [], beep: false))
    }

    @Test func aDirectoryCompletesWithoutASpace() {
        #expect(Completion.resolve(word: "less", candidates: ["lessons/"])
            == .init(replacement: "lessons/", listing: [], beep: false))
    }

    @Test func severalCandidatesCompleteTheCommonPrefixAndList() {
        #expect(Completion.resolve(word: "f", candidates: ["flatten", "fit"])
            == .init(replacement: "f", listing: ["fit", "flatten"], beep: false))
        #expect(Completion.resolve(word: "s", candidates: ["show", "sigmoid", "softmax", "show"]).listing
            == ["show", "sigmoid", "softmax"])
        #expect(Completion.resolve(word: "lessons/i", candidates: ["lessons/intro.tut", "lessons/images.tut"])
            == .init(replacement: "lessons/i", listing: ["images.tut", "intro.tut"], beep: false))
        #expect(Completion.resolve(word: "sa", candidates: ["save model", "save notebook"])
            == .init(replacement: "save ", listing: ["save model", "save notebook"], beep: false))
    }

    @Test func nothingMatchingRingsTheBell() {
        #expect(Completion.resolve(word: "zz", candidates: []) == .init(replacement: "zz", listing: [], beep: true))
    }

    @Test func mergeSortsAndDropsRepeats() {
        #expect(Completion.merge(["run", "relu"], ["run", "results/"]) == ["relu", "results/", "run"])
        #expect(Completion.merge([], []) == [])
    }

    @Test func commonPrefix() {
        #expect(Completion.commonPrefix([]) == "")
        #expect(Completion.commonPrefix(["sigmoid"]) == "sigmoid")
        #expect(Completion.commonPrefix(["softmax", "sigmoid"]) == "s")
        #expect(Completion.commonPrefix(["données", "donner"]) == "donn")
        #expect(Completion.commonPrefix(["abc", "xyz"]) == "")
    }

    /// A fake file system: a directory path → its entries.
    let tree: [String: [Completion.Entry]] = [
        ".": [
            .init(name: "lessons", isDirectory: true), .init(name: "README.md", isDirectory: false),
            .init(name: "lenet.tut", isDirectory: false), .init(name: ".hidden", isDirectory: false),
        ],
        "lessons/": [.init(name: "intro.tut", isDirectory: false), .init(name: "data", isDirectory: true)],
        "/home/ada/": [.init(name: "models", isDirectory: true)],
    ]

    @Test func pathCandidatesRelativeToTheCurrentDirectory() {
        let list = { (path: String) in tree[path] }
        #expect(Completion.pathCandidates(for: "le", home: "/home/ada", list: list) == ["lenet.tut", "lessons/"])
        #expect(Completion.pathCandidates(for: "", home: "/home/ada", list: list)
            == ["README.md", "lenet.tut", "lessons/"])
        #expect(Completion.pathCandidates(for: ".", home: "/home/ada", list: list) == [".hidden"])
        #expect(Completion.pathCandidates(for: "lessons/", home: "/home/ada", list: list)
            == ["lessons/data/", "lessons/intro.tut"])
        #expect(Completion.pathCandidates(for: "~/m", home: "/home/ada", list: list) == ["~/models/"])
        #expect(Completion.pathCandidates(for: "nowhere/x", home: "/home/ada", list: list) == [])
    }

    @Test func displayNames() {
        #expect(Completion.displayName("fit") == "fit")
        #expect(Completion.displayName("lessons/") == "lessons/")
        #expect(Completion.displayName("lessons/data/") == "data/")
        #expect(Completion.displayName("lessons/intro.tut") == "intro.tut")
        #expect(Completion.displayName("/") == "/")
    }

    @Test func columnsGoDownThenAcross() {
        #expect(Completion.columns(["a", "bb", "c", "d", "e"], width: 12) == "a   c   e\nbb  d")
        #expect(Completion.columns(["a", "bb", "c", "d", "e"], width: 8) == "a   d\nbb  e\nc")
        #expect(Completion.columns(["fit", "flatten"], width: 80) == "fit      flatten")
        #expect(Completion.columns(["averyveryverylongword"], width: 5) == "averyveryverylongword")
        #expect(Completion.columns([], width: 80) == "")
    }

    @Test func promptEscapesAreMarkedInvisible() {
        #expect(LineEditor.markInvisible("tutor> ") == "tutor> ")
        #expect(LineEditor.markInvisible("\u{1B}[1mtutor>\u{1B}[0m ")
            == "\u{1}\u{1B}[1m\u{1}tutor>\u{1}\u{1B}[0m\u{1} ")
        #expect(LineEditor.markInvisible("\u{1B}[38;5;33mx") == "\u{1}\u{1B}[38;5;33m\u{1}x")
        #expect(LineEditor.markInvisible("cut \u{1B}[") == "cut \u{1}\u{1B}[\u{1}")
    }
}
