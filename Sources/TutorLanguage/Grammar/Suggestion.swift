/// "Did you mean …?": the known word nearest to a mistyped one.
public enum Suggestion {
    /// The candidate nearest to `word`, ignoring case, or nil when none is close enough.
    ///
    /// Near means an edit distance (insertions, deletions, substitutions and swaps of two neighbouring
    /// letters) of at most a third of the word's length, but at least 1 and at most 3. The smallest
    /// distance wins, then the earlier candidate. When no candidate is that near, a word of three
    /// letters or more that begins exactly one candidate suggests that candidate (`acc` → `accuracy`).
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let typed = word.lowercased()
        guard !typed.isEmpty else { return nil }
        let limit = max(1, min(3, typed.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        if let best { return best.candidate }
        guard typed.count >= 3 else { return nil }
        let completions = candidates.filter { $0.lowercased().hasPrefix(typed) }
        return completions.count == 1 ? completions.first : nil
    }

    /// The Damerau–Levenshtein distance (optimal string alignment) between `a` and `b`: the fewest
    /// insertions, deletions, substitutions and swaps of adjacent characters that turn one into the other.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // distances[i][j]: distance between the first i characters of a and the first j of b.
        var distances = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { distances[i][0] = i }
        for j in 0...b.count { distances[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var distance = min(
                    distances[i - 1][j] + 1,
                    distances[i][j - 1] + 1,
                    distances[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    distance = min(distance, distances[i - 2][j - 2] + 1)
                }
                distances[i][j] = distance
            }
        }
        return distances[a.count][b.count]
    }

    /// The command meant by a mistyped or foreign first word: a known synonym (`exit` → `quit`,
    /// `dense` → `layer dense`) or the nearest command.
    static func command(for word: String) -> String? {
        Keywords.commandSynonyms[word.lowercased()] ?? nearest(to: word, in: Keywords.commands)
    }
}
