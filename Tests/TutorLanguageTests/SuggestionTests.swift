import Testing
import TutorLanguage

private let activations = ["sigmoid", "relu", "tanh", "softmax", "linear"]
private let commands = HelpCatalog.topics

@Test(arguments: [
    ("sigmiod", activations, "sigmoid"),
    ("SIGMIOD", activations, "sigmoid"),
    ("softmx", activations, "softmax"),
    ("rleu", activations, "relu"),
    ("fitt", commands, "fit"),
    ("evalute", commands, "evaluate"),
    ("optimiser", commands, "optimizer"),
    ("sumary", commands, "summary"),
    ("crossentrpy", ["crossentropy", "mse"], "crossentropy"),
    ("acc", ["loss", "accuracy"], "accuracy"),
    ("sigmo", activations, "sigmoid"),
    ("bat", ["bad", "bag"], "bad"),
    ("scroes", ["scores", "weights"], "scores"),
] as [(String, [String], String)])
func suggestsTheNearestWord(_ word: String, _ candidates: [String], _ expected: String) {
    #expect(Suggestion.nearest(to: word, in: candidates) == expected)
}

@Test(arguments: [
    ("xyz", activations),
    ("frobnicate", commands),
    ("smax", activations),
    ("s", activations),
    ("", activations),
    ("so", activations),
    ("abcdefghijklmn", ["abcdefghijkxyzw"]),
] as [(String, [String])])
func suggestsNothingWhenNothingIsNear(_ word: String, _ candidates: [String]) {
    #expect(Suggestion.nearest(to: word, in: candidates) == nil)
}

@Test func theAllowedDistanceIsAThirdOfTheLengthBetweenOneAndThree() {
    // 4 letters: 1 edit allowed.
    #expect(Suggestion.nearest(to: "fiit", in: ["fit"]) == "fit")
    #expect(Suggestion.nearest(to: "fxxt", in: ["fist"]) == nil)
    // 9 letters: 3 edits allowed.
    #expect(Suggestion.nearest(to: "valxxtion", in: ["validation"]) == "validation")
    // 12 letters: still at most 3.
    #expect(Suggestion.nearest(to: "crxxxxntropy", in: ["crossentropy"]) == nil)
}

@Test(arguments: [
    ("kitten", "sitting", 3), ("ab", "ba", 1), ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0),
    ("sigmiod", "sigmoid", 1), ("ca", "abc", 3),
] as [(String, String, Int)])
func editDistance(_ a: String, _ b: String, _ expected: Int) {
    #expect(Suggestion.editDistance(a, b) == expected)
    #expect(Suggestion.editDistance(b, a) == expected)
}
