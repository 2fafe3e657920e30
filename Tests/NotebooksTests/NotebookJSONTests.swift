import ChildProcess
import Foundation
import Testing
@testable import Notebooks

/// Notebooks are written as Jupyter writes them: keys sorted, one space of indent, texts as lists
/// of lines, control characters escaped; every cell with a unique id; valid nbformat 4.5.
struct NotebookJSONTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("say \"hi\" \\ there", #""say \"hi\" \\ there""#),
        ("a\nb\tc\r", #""a\nb\tc\r""#),
        ("\u{1B}[1;31merror:\u{1B}[0m", #""\u001b[1;31merror:\u001b[0m""#),
        ("\u{0}\u{8}\u{C}\u{7F}", #""\u0000\b\f\u007f""#),
        ("28×28 → 784 données 🙂", #""28×28 → 784 données 🙂""#),
    ])
    func stringsAreEscapedAsJSONNeeds(text: String, json: String) {
        #expect(NotebookJSON.quoted(text) == json)
    }

    @Test(arguments: [
        ("", [String]()),
        ("one", ["one"]),
        ("one\n", ["one\n"]),
        ("one\ntwo", ["one\n", "two"]),
        ("one\r\ntwo\n\n", ["one\r\n", "two\n", "\n"]),
    ])
    func textsAreListsOfLines(text: String, lines: [String]) {
        #expect(NotebookJSON.lines(text) == .array(lines.map { .string($0) }))
    }

    @Test func keysAreSortedAndIndentedByOneSpace() {
        let value: NotebookJSON = .object([
            "b": .array([.int(1), .bool(true), .null]),
            "a": .object(["z": .string("x"), "y": .array([])]),
            "c": .object([:]),
        ])
        #expect(value.text == """
            {
             "a": {
              "y": [],
              "z": "x"
             },
             "b": [
              1,
              true,
              null
             ],
             "c": {}
            }
            """)
    }

    /// A small notebook, whole: every kind of cell and output.
    static let small = JupyterNotebook(cells: [
        .markdown("# Title\nSome *text*."),
        .code(source: "answer 2", outputs: [.stream(name: "stdout", text: "Answer: 2\n")], executionCount: 1),
        .code(source: "show relu q", outputs: [
            .stream(name: "stderr", text: "\u{1B}[1;31merror:\u{1B}[0m `q`\n"),
            .png([0x89, 0x50, 0x4E, 0x47], width: 2, height: 1, text: "<2×1 picture>"),
        ], executionCount: 2),
        .code(source: "x = 1", outputs: [], executionCount: nil),
    ], kernel: .tutor)

    @Test func aNotebookIsWrittenAsJupyterWritesIt() {
        #expect(Self.small.json == #"""
            {
             "cells": [
              {
               "cell_type": "markdown",
               "id": "cell-1",
               "metadata": {},
               "source": [
                "# Title\n",
                "Some *text*."
               ]
              },
              {
               "cell_type": "code",
               "execution_count": 1,
               "id": "cell-2",
               "metadata": {},
               "outputs": [
                {
                 "name": "stdout",
                 "output_type": "stream",
                 "text": [
                  "Answer: 2\n"
                 ]
                }
               ],
               "source": [
                "answer 2"
               ]
              },
              {
               "cell_type": "code",
               "execution_count": 2,
               "id": "cell-3",
               "metadata": {},
               "outputs": [
                {
                 "name": "stderr",
                 "output_type": "stream",
                 "text": [
                  "\u001b[1;31merror:\u001b[0m `q`\n"
                 ]
                },
                {
                 "data": {
                  "image/png": "iVBORw==",
                  "text/plain": [
                   "<2×1 picture>"
                  ]
                 },
                 "metadata": {
                  "image/png": {
                   "height": 1,
                   "width": 2
                  }
                 },
                 "output_type": "display_data"
                }
               ],
               "source": [
                "show relu q"
               ]
              },
              {
               "cell_type": "code",
               "execution_count": null,
               "id": "cell-4",
               "metadata": {},
               "outputs": [],
               "source": [
                "x = 1"
               ]
              }
             ],
             "metadata": {
              "kernelspec": {
               "display_name": "tutor",
               "language": "tutor",
               "name": "tutor"
              },
              "language_info": {
               "file_extension": ".tut",
               "name": "tutor"
              }
             },
             "nbformat": 4,
             "nbformat_minor": 5
            }

            """#)
    }

    @Test func thePercentFormatHasTheCellsWithoutTheirOutputs() {
        #expect(Self.small.percentScript == """
            # %% [markdown]
            # # Title
            # Some *text*.

            # %%
            answer 2

            # %%
            show relu q

            # %%
            x = 1

            """)
    }

    /// Ids are `cell-N`: unique, and 1–64 characters of [a-zA-Z0-9-_], as nbformat 4.5 asks.
    @Test func everyCellHasAUniqueValidId() {
        let ids = (0..<10_000).map(JupyterNotebook.id(ofCellAt:))
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { id in
            (1...64).contains(id.count) && id.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || ("a"..."z").contains($0) || $0 == "-" || $0 == "_" }
        })
    }

    /// nbformat (when installed) reads the notebook, valid with warnings as errors, and Python
    /// reads every text back as it was.
    @Test(.enabled(if: Python.isInstalled, "python3 is not installed"))
    func nbformatFindsTheNotebookValid() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("notebooks-\(UUID().uuidString).ipynb").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let hostile = "\u{1B}[2J\u{0}\"quoted\" \\ \t données 🙂\r\nlast"
        var notebook = Self.small
        notebook.cells.append(.code(source: hostile, outputs: [.stream(name: "stdout", text: hostile)], executionCount: 3))
        notebook.cells.append(.markdown(hostile))
        try notebook.json.write(toFile: file, atomically: true, encoding: .utf8)
        let problem = try await Python.nbformatProblem(file)
        #expect(problem == nil)
        let read = "import json, sys; cells = json.load(open(sys.argv[1]))['cells']; print(''.join(cells[-2]['source']).encode().hex(), ''.join(cells[-2]['outputs'][0]['text']).encode().hex(), ''.join(cells[-1]['source']).encode().hex())"
        let result = try await Python.run(["-c", read, file])
        let hex = hostile.utf8.map { String(format: "%02x", $0) }.joined()
        #expect(result.stdout == "\(hex) \(hex) \(hex)\n")
    }
}
