import Testing
@testable import TutorTerminal

/// Tab completion decisions, without a terminal.
@Suite struct TabCompletionTests {
    @Test func oneCandidateCompletesWithASpace() {
        #expect(TabCompletion.resolve(word: "mo", candidates: ["model"])
            == .init(replacement: "model ", listing: [], beep: false))
    }

    @Test func aDirectoryCompletesWithoutASpace() {
        #expect(TabCompletion.resolve(word: "less", candidates: ["lessons/"])
            == .init(replacement: "lessons/", listing: [], beep: false))
    }

    @Test func severalCandidatesCompleteTheCommonPrefixAndList() {
        #expect(TabCompletion.resolve(word: "f", candidates: ["flatten", "fit"])
            == .init(replacement: "f", listing: ["fit", "flatten"], beep: false))
        #expect(TabCompletion.resolve(word: "s", candidates: ["show", "sigmoid", "softmax", "show"]).listing
            == ["show", "sigmoid", "softmax"])
        #expect(TabCompletion.resolve(word: "lessons/i", candidates: ["lessons/intro.tut", "lessons/images.tut"])
            == .init(replacement: "lessons/i", listing: ["images.tut", "intro.tut"], beep: false))
        #expect(TabCompletion.resolve(word: "sa", candidates: ["save model", "save notebook"])
            == .init(replacement: "save ", listing: ["save model", "save notebook"], beep: false))
    }

    /// A file name with controls is listed visible and never typed into the line past them.
    @Test func fileNamesWithControlsAreListedVisibleNotTyped() {
        let evil = "models/a\u{1B}]0;owned\u{07}.tut"
        #expect(TabCompletion.resolve(word: "models/", candidates: [evil])
            == .init(replacement: "models/a", listing: [#"a\e]0;owned\a.tut"#], beep: false))
        #expect(TabCompletion.resolve(word: "models/a", candidates: [evil, "models/a\u{9B}2J\u{202E}.tut", "models/ab.tut"])
            == .init(replacement: "models/a", listing: [#"a\e]0;owned\a.tut"#, "ab.tut", #"a\u{9B}2J\u{202E}.tut"#], beep: false))
        #expect(TabCompletion.resolve(word: "x", candidates: ["x\u{1B}c/"]) == .init(replacement: "x", listing: [#"x\ec/"#], beep: false))
        // The listing's columns are as wide as the names are shown.
        let listing = TabCompletion.resolve(word: "", candidates: ["\u{1B}c", "b"]).listing
        #expect(TabCompletion.columns(listing, width: 80) == #"\ec  b"#)
    }

    @Test func nothingMatchingRingsTheBell() {
        #expect(TabCompletion.resolve(word: "zz", candidates: []) == .init(replacement: "zz", listing: [], beep: true))
    }

    @Test func mergeSortsAndDropsRepeats() {
        #expect(TabCompletion.merge(["run", "relu"], ["run", "results/"]) == ["relu", "results/", "run"])
        #expect(TabCompletion.merge([], []) == [])
    }

    @Test func commonPrefix() {
        #expect(TabCompletion.commonPrefix([]) == "")
        #expect(TabCompletion.commonPrefix(["sigmoid"]) == "sigmoid")
        #expect(TabCompletion.commonPrefix(["softmax", "sigmoid"]) == "s")
        #expect(TabCompletion.commonPrefix(["données", "donner"]) == "donn")
        #expect(TabCompletion.commonPrefix(["abc", "xyz"]) == "")
    }

    /// A fake file system: a directory path → its entries.
    let tree: [String: [TabCompletion.Entry]] = [
        ".": [
            .init(name: "lessons", isDirectory: true), .init(name: "README.md", isDirectory: false),
            .init(name: "lenet.tut", isDirectory: false), .init(name: ".hidden", isDirectory: false),
        ],
        "lessons/": [.init(name: "intro.tut", isDirectory: false), .init(name: "data", isDirectory: true)],
        "/home/ada/": [.init(name: "models", isDirectory: true)],
    ]

    @Test func pathCandidatesRelativeToTheCurrentDirectory() {
        let list = { (path: String) in tree[path] }
        #expect(TabCompletion.pathCandidates(for: "le", home: "/home/ada", list: list) == ["lenet.tut", "lessons/"])
        #expect(TabCompletion.pathCandidates(for: "", home: "/home/ada", list: list)
            == ["README.md", "lenet.tut", "lessons/"])
        #expect(TabCompletion.pathCandidates(for: ".", home: "/home/ada", list: list) == [".hidden"])
        #expect(TabCompletion.pathCandidates(for: "lessons/", home: "/home/ada", list: list)
            == ["lessons/data/", "lessons/intro.tut"])
        #expect(TabCompletion.pathCandidates(for: "~/m", home: "/home/ada", list: list) == ["~/models/"])
        #expect(TabCompletion.pathCandidates(for: "nowhere/x", home: "/home/ada", list: list) == [])
    }

    @Test func displayNames() {
        #expect(TabCompletion.displayName("fit") == "fit")
        #expect(TabCompletion.displayName("lessons/") == "lessons/")
        #expect(TabCompletion.displayName("lessons/data/") == "data/")
        #expect(TabCompletion.displayName("lessons/intro.tut") == "intro.tut")
        #expect(TabCompletion.displayName("/") == "/")
    }

    @Test func columnsGoDownThenAcross() {
        #expect(TabCompletion.columns(["a", "bb", "c", "d", "e"], width: 12) == "a   c   e\nbb  d")
        #expect(TabCompletion.columns(["a", "bb", "c", "d", "e"], width: 8) == "a   d\nbb  e\nc")
        #expect(TabCompletion.columns(["fit", "flatten"], width: 80) == "fit      flatten")
        #expect(TabCompletion.columns(["averyveryverylongword"], width: 5) == "averyveryverylongword")
        #expect(TabCompletion.columns([], width: 80) == "")
    }

    @Test func promptEscapesAreMarkedInvisible() {
        #expect(LineEditor.markInvisible("tutor> ") == "tutor> ")
        #expect(LineEditor.markInvisible("\u{1B}[1mtutor>\u{1B}[0m ")
            == "\u{1}\u{1B}[1m\u{1}tutor>\u{1}\u{1B}[0m\u{1} ")
        #expect(LineEditor.markInvisible("\u{1B}[38;5;33mx") == "\u{1}\u{1B}[38;5;33m\u{1}x")
        #expect(LineEditor.markInvisible("cut \u{1B}[") == "cut \u{1}\u{1B}[\u{1}")
    }
}
