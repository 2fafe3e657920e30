import Testing
@testable import TutorLanguage

/// `show pixels N [train|test] row R`: one row of an image and the places its values take when
/// the image is flattened (row R of a 28-wide image is positions 28·R … 28·R + 27).
struct PixelRowTests {
    @Test(arguments: [
        ("show pixels 1 row 14", Command.showPixelRow(index: 1, test: false, row: 14)),
        ("show pixels 3 test row 0", .showPixelRow(index: 3, test: true, row: 0)),
        ("SHOW PIXELS 2 TRAIN ROW 27", .showPixelRow(index: 2, test: false, row: 27)),
        ("show pixels 1", .showPixels(index: 1, test: false)),
    ])
    func theFormIsRead(_ line: String, _ command: Command) throws {
        #expect(try Parser.parse(line, line: 1, file: nil)?.command == command)
    }

    @Test(arguments: [
        ("show pixels 1 row", """
            error: expected the row after `show pixels 1 row`
             --> 1:18
              |
            1 | show pixels 1 row
              |                  ^ usage: show pixels N [train|test] [row R]
            """),
        ("show pixels 1 row -2", """
            error: the row must be 0 or more, found `-2`
             --> 1:19
              |
            1 | show pixels 1 row -2
              |                   ^^
            """),
        ("show pixels 1 row 2 row 3", """
            error: option `row` given twice
             --> 1:21
              |
            1 | show pixels 1 row 2 row 3
              |                     ^^^ usage: show pixels N [train|test] [row R]
            """),
    ])
    func aBadFormIsExplained(_ line: String, _ expected: String) {
        do {
            _ = try Parser.parse(line, line: 1, file: nil)
            Issue.record("\(line) parsed")
        } catch {
            #expect(error.rendered() == expected)
        }
    }

    @Test func theRowAndItsPlacesInTheFlatImage() throws {
        let interpreter = try InterpreterTests.interpreter(["data mnist 10 10"])
        let outputs = try InterpreterTests.outputs(interpreter, "show pixels 1 row 14")
        guard case .pixelRow(let row)? = outputs.first else {
            Issue.record("no pixel row: \(outputs)")
            return
        }
        #expect(outputs.count == 1)
        #expect(row.row == 14)
        #expect(row.firstPosition == 392)
        #expect(row.values == [0, 0, 0, 0, 0, 0, 0, 198, 253, 190, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 253, 196, 0, 0, 0, 0, 0])
        #expect(row.values == Array(row.image.pixels[392...419]))
        #expect(interpreter.session.lastOutputs == nil)  // nothing for `expect outputs …` to read
    }

    @Test func aRowPastTheImageIsRefused() throws {
        let interpreter = try InterpreterTests.interpreter(["data mnist 10 10"])
        #expect(InterpreterTests.error(interpreter, "show pixels 1 test row 28") == """
            error: there is no row 28: an image's rows are numbered 0 to 27
             --> 1:24
              |
            1 | show pixels 1 test row 28
              |                        ^^ try `show pixels 1 test row 27`
            """)
        #expect(InterpreterTests.error(interpreter, "show pixels 10 row 3")?.hasPrefix("error: there is no training image 10: they are numbered 0 to 9") == true)
    }
}
