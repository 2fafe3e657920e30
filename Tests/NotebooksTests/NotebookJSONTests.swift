import Testing
@testable import Notebooks

/// NotebookJSON writes as Jupyter does: keys sorted, indent 1, control characters escaped.
struct NotebookJSONTests {
    @Test func placeholder() {
        #expect(NotebookJSON.int(1).text == "1")
    }
}
