/// The kinds of file `save notebook` and `export keras` write, chosen by the extension of the
/// name typed (in any case: `.ipynb`, `.IPYNB`): the one list of which extensions each takes.
public enum FileFormat: Equatable, Sendable {
    /// `.md`: Markdown (`save notebook`).
    case markdown
    /// `.ipynb`: a Jupyter notebook (`save notebook`, `export keras`).
    case jupyter
    /// `.py`: a Python script in cells, the percent format (`export keras`).
    case pythonScript

    /// The extension, without its dot.
    public var fileExtension: String {
        switch self {
        case .markdown: return "md"
        case .jupyter: return "ipynb"
        case .pythonScript: return "py"
        }
    }

    /// What the file is, for messages: "a Markdown notebook", "a Jupyter notebook", "a Python script".
    public var description: String {
        switch self {
        case .markdown: return "a Markdown notebook"
        case .jupyter: return "a Jupyter notebook"
        case .pythonScript: return "a Python script"
        }
    }

    /// What `save notebook` writes.
    public static let notebooks: [FileFormat] = [.markdown, .jupyter]
    /// What `export keras` writes.
    public static let kerasExports: [FileFormat] = [.pythonScript, .jupyter]

    /// The format among `formats` that `path`'s extension names, if any.
    public static func of(_ path: String, among formats: [FileFormat]) -> FileFormat? {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let found = name[name.index(after: dot)...].lowercased()
        return formats.first { $0.fileExtension == found }
    }

    /// "FILE.md (a Markdown notebook) or FILE.ipynb (a Jupyter notebook)".
    public static func choices(_ formats: [FileFormat]) -> String {
        formats.map { "FILE.\($0.fileExtension) (\($0.description))" }.joined(separator: " or ")
    }
}
