import Foundation
import Testing
import TutorLanguage

/// docs/LANGUAGE.md lists every form of the command table, each under its group, in the table's
/// order — and nothing else.
struct LanguageReferenceTests {
    static let reference = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/LANGUAGE.md")

    /// The first-column forms of each command table, by the `##` heading above them, `\|` read as `|`.
    static func documentedForms() throws -> [String: [String]] {
        let text = try String(contentsOf: reference, encoding: .utf8)
        var heading = ""
        var forms: [String: [String]] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { heading = String(line.dropFirst(3)) }
            guard line.hasPrefix("| `"), let close = line.dropFirst(3).firstIndex(of: "`") else { continue }
            // A `|` in a table cell is written `\|`, even in code.
            let form = String(line[line.index(line.startIndex, offsetBy: 3)..<close]).replacingOccurrences(of: "\\|", with: "|")
            forms[heading, default: []].append(form)
        }
        return forms
    }

    @Test func everyFormOfTheTableIsDocumentedUnderItsGroupInOrder() throws {
        let documented = try Self.documentedForms()
        for group in HelpCatalog.Group.allCases {
            let table = HelpCatalog.entries.filter { $0.group == group }.flatMap(\.forms)
            #expect(documented[group.rawValue] == table, "docs/LANGUAGE.md, ## \(group.rawValue)")
        }
    }

    @Test func theReferenceDocumentsNoCommandTheTableLacks() throws {
        let forms = Set(HelpCatalog.entries.flatMap(\.forms))
        let documented = try Self.documentedForms()
        for (heading, rows) in documented where heading != "The program" {
            for row in rows { #expect(forms.contains(row), "`\(row)` under ## \(heading) is not a form of the table") }
        }
    }
}
