import Foundation
import Testing
@testable import TutorLanguage

/// The sandbox of file commands: unrestricted by default; inside a folder, relative paths resolve
/// there and absolute paths, `..` out of it and symbolic links out of it are refused.
struct PathPolicyTests {
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("sub"), withIntermediateDirectories: true)
        return url.resolvingSymlinksInPath().path
    }

    @Test func unrestrictedPassesPathsThrough() throws {
        #expect(try PathPolicy.unrestricted.resolve("/etc/passwd") == "/etc/passwd")
        #expect(try PathPolicy.unrestricted.resolve("../x") == "../x")
        #expect(Interpreter(session: Session(bundledDataDirectory: nil)).pathPolicy == .unrestricted)
    }

    @Test func insideAFolder() throws {
        let root = try Self.folder()
        let policy = PathPolicy.inside(root)
        try FileManager.default.createSymbolicLink(atPath: root + "/out", withDestinationPath: "/tmp")
        try FileManager.default.createSymbolicLink(atPath: root + "/in", withDestinationPath: root + "/sub")
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling", withDestinationPath: "/nonexistent/x")
        #expect(try policy.resolve("m.tutm") == root + "/m.tutm")
        #expect(try policy.resolve("./sub/../new/m.tutm") == root + "/new/m.tutm")
        #expect(try policy.resolve("in/m.tutm") == root + "/in/m.tutm")
        #expect(throws: PathRefusal("`/tmp/m.tutm` is outside the workspace: only relative paths inside it can be used here")) {
            try policy.resolve("/tmp/m.tutm")
        }
        #expect(throws: PathRefusal("`sub/../../m.tutm` leads outside the workspace (through `..`)")) {
            try policy.resolve("sub/../../m.tutm")
        }
        #expect(throws: PathRefusal("`out/m.tutm` leads outside the workspace (through a symbolic link)")) {
            try policy.resolve("out/m.tutm")
        }
        #expect(throws: PathRefusal("`dangling` leads outside the workspace (through a symbolic link)")) {
            try policy.resolve("dangling")
        }
    }

    @Test func fileCommandsAskThePolicy() throws {
        let root = try Self.folder()
        let interpreter = try InterpreterTests.interpreter(["data mnist 100 100", "layer flatten", "layer dense 10 softmax"])
        interpreter.pathPolicy = .inside(root)
        #expect(InterpreterTests.error(interpreter, "save model /tmp/m.tutm") == """
            error: `/tmp/m.tutm` is outside the workspace: only relative paths inside it can be used here
             --> 1:12
              |
            1 | save model /tmp/m.tutm
              |            ^^^^^^^^^^^
            """)
        #expect(InterpreterTests.error(interpreter, "run ../x.tut")?.hasPrefix("error: `../x.tut` leads outside the workspace (through `..`)") == true)
        #expect(InterpreterTests.error(interpreter, "save model m.tutm") == nil)
        #expect(FileManager.default.fileExists(atPath: root + "/m.tutm"))
        #expect(InterpreterTests.error(interpreter, "load model m.tutm") == nil)
    }
}
