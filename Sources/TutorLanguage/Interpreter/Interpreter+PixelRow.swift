extension Interpreter {
    /// Row `row` of example `index` (`show pixels N row R`), checked against the image's height.
    func pixelRow(_ s: Statement, index: Int, test: Bool, row: Int) throws(Diagnostic) -> PixelRow {
        let image = try image(s, index: index, test: test)
        guard row < image.height else {
            let at = s.tokens.lastIndex { $0.kind == .number } ?? 0
            throw s.diagnostic(
                "there is no row \(row): an image's rows are numbered 0 to \(image.height - 1)", at: at,
                suggestion: "try `show pixels \(index)\(test ? " test" : "") row \(image.height - 1)`")
        }
        return PixelRow(image: image, row: row)
    }
}
