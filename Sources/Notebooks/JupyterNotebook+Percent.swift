/// The percent format (jupytext's, which VS Code, Spyder and PyCharm read too): a notebook's
/// cells as one Python script that runs as it is. Each code cell begins with a `# %%` line, each
/// markdown cell with `# %% [markdown]` and has its lines as `#` comments; outputs are not kept.
extension JupyterNotebook {
    /// The cells in the percent format, a blank line between cells, ending with a newline.
    public var percentScript: String {
        let parts = cells.map { cell -> String in
            switch cell {
            case .markdown(let text):
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "#" : "# " + $0 }
                return (["# %% [markdown]"] + lines).joined(separator: "\n")
            case .code(let source, _, _):
                return "# %%\n" + source
            }
        }
        return parts.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }.joined(separator: "\n\n") + "\n"
    }
}
