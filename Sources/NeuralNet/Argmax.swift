extension Collection where Element: Comparable {
    /// The position of the first largest element: ties go to the first, as NumPy's and Keras'
    /// `argmax` (so accuracy, `predict` and `confusion` agree on every row). The first element leads
    /// to begin with; an element not ordered with the others (a NaN) never takes the lead from it.
    /// nil when the collection is empty.
    public func argmax() -> Index? {
        guard var best = indices.first else { return nil }
        for index in indices.dropFirst() where self[index] > self[best] { best = index }
        return best
    }
}
