/// What `explain` prints: the arithmetic behind the last result, with the learner's own numbers,
/// every number already written out. A renderer only lays the lines out to the width.
public struct Explanation: Equatable, Sendable {
    /// `explaining `show softmax [2, 1, 0.1]`:`.
    public var title: String
    public var lines: [Line]

    public init(title: String, lines: [Line]) {
        self.title = title
        self.lines = lines
    }

    /// One part of an explanation.
    public enum Line: Equatable, Sendable {
        /// A sentence in words, wrapped to the width.
        case text(String)
        /// One step of arithmetic (`e^2 = 7.3891`), shown indented; broken, where it must be,
        /// only between its terms.
        case step(String)
        /// A small table: its column headings and rows of cells, every row as long as the headings.
        case table(header: [String], rows: [[String]])
    }

    /// How many values a list shows in full (the e^x of each score, each element of a matrix);
    /// a longer one shows its first ``shownOfLong`` and then how many more there are.
    public static let shownInFull = 10
    public static let shownOfLong = 3
}
