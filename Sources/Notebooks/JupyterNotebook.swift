import Foundation

/// A Jupyter notebook (nbformat 4.5): markdown cells and code cells with their outputs, and the
/// kernel it is meant for. Written by `save notebook FILE.ipynb` (the session, for the `tutor`
/// kernel, which no Jupyter has: nothing tries to run it) and by `export keras FILE.ipynb` (a
/// Keras program, for Python 3).
///
/// - Every cell gets an id `cell-1`, `cell-2`, … in order: unique, 1–64 characters of
///   `[a-zA-Z0-9-_]` as nbformat 4.5 asks, and the same each time the notebook is written.
/// - ``json`` writes it as Jupyter does (``NotebookJSON``: keys sorted, indent 1), texts as lists
///   of lines, ending with a newline.
public struct JupyterNotebook: Equatable, Sendable {
    /// The kernel the notebook is for: `metadata.kernelspec` and `metadata.language_info`.
    public struct Kernel: Equatable, Sendable {
        /// The kernel's name (`tutor`, `python3`).
        public var name: String
        /// The name Jupyter shows (`tutor`, `Python 3`).
        public var displayName: String
        /// The language its cells are in (`tutor`, `python`).
        public var language: String
        /// The language's file extension with its dot (`.tut`, `.py`).
        public var fileExtension: String

        public init(name: String, displayName: String, language: String, fileExtension: String) {
            self.name = name
            self.displayName = displayName
            self.language = language
            self.fileExtension = fileExtension
        }

        /// tutor's own cells: no Jupyter kernel runs them.
        public static let tutor = Kernel(name: "tutor", displayName: "tutor", language: "tutor", fileExtension: ".tut")
        /// Python 3's, as Jupyter names it.
        public static let python3 = Kernel(name: "python3", displayName: "Python 3", language: "python", fileExtension: ".py")
    }

    /// What a code cell showed.
    public enum Output: Equatable, Sendable {
        /// Text printed (`name`: `stdout`, or `stderr` for an error), ANSI colour codes kept:
        /// Jupyter and VS Code show them as colours.
        case stream(name: String, text: String)
        /// A picture: PNG bytes of `width`×`height` pixels, with the text shown where pictures
        /// are not.
        case png(_ bytes: [UInt8], width: Int, height: Int, text: String)
    }

    /// One cell.
    public enum Cell: Equatable, Sendable {
        /// Text in Markdown.
        case markdown(String)
        /// A command (`source`), its outputs, and its number (Jupyter's `In [N]`), if it ran.
        case code(source: String, outputs: [Output], executionCount: Int?)
    }

    public var cells: [Cell]
    public var kernel: Kernel

    public init(cells: [Cell] = [], kernel: Kernel) {
        self.cells = cells
        self.kernel = kernel
    }

    /// The id of the cell at `index` (0-based): `cell-1`, `cell-2`, …
    public static func id(ofCellAt index: Int) -> String { "cell-\(index + 1)" }

    /// The notebook as nbformat 4.5 JSON, ending with a newline.
    public var json: String {
        let document: NotebookJSON = .object([
            "cells": .array(cells.enumerated().map { index, cell in Self.json(cell, id: Self.id(ofCellAt: index)) }),
            "metadata": .object([
                "kernelspec": .object([
                    "display_name": .string(kernel.displayName),
                    "language": .string(kernel.language),
                    "name": .string(kernel.name),
                ]),
                "language_info": .object([
                    "file_extension": .string(kernel.fileExtension),
                    "name": .string(kernel.language),
                ]),
            ]),
            "nbformat": .int(4),
            "nbformat_minor": .int(5),
        ])
        return document.text + "\n"
    }

    private static func json(_ cell: Cell, id: String) -> NotebookJSON {
        switch cell {
        case .markdown(let text):
            return .object(["cell_type": .string("markdown"), "id": .string(id), "metadata": .object([:]), "source": NotebookJSON.lines(text)])
        case .code(let source, let outputs, let count):
            return .object([
                "cell_type": .string("code"),
                "execution_count": count.map { .int($0) } ?? .null,
                "id": .string(id),
                "metadata": .object([:]),
                "outputs": .array(outputs.map { output in
                    switch output {
                    case .stream(let name, let text):
                        return .object(["name": .string(name), "output_type": .string("stream"), "text": NotebookJSON.lines(text)])
                    case .png(let bytes, let width, let height, let text):
                        return .object([
                            "data": .object([
                                "image/png": .string(Data(bytes).base64EncodedString()),
                                "text/plain": NotebookJSON.lines(text),
                            ]),
                            "metadata": .object(["image/png": .object(["height": .int(height), "width": .int(width)])]),
                            "output_type": .string("display_data"),
                        ])
                    }
                }),
                "source": NotebookJSON.lines(source),
            ])
        }
    }
}
