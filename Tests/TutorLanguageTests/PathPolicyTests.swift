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

    /// The first line of the error of `line`, or nil when it succeeds.
    static func firstLine(_ interpreter: Interpreter, _ line: String) -> String? {
        InterpreterTests.error(interpreter, line)?.split(separator: "\n").first.map(String.init)
    }

    /// A link to a file outside the workspace is refused for reading and for writing, and the
    /// file outside stays as it was; a dangling link likewise; a link to a file inside is used.
    @Test func symbolicLinksForReadingAndWriting() throws {
        let root = try Self.folder(), outside = try Self.folder()
        let interpreter = try InterpreterTests.interpreter(["data mnist 100 100", "layer flatten", "layer dense 10 softmax"])
        try FileManager.default.createSymbolicLink(atPath: root + "/out.tutm", withDestinationPath: outside + "/secret.tutm")
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling.tutm", withDestinationPath: outside + "/none.tutm")
        try "secret".write(toFile: outside + "/secret.tutm", atomically: true, encoding: .utf8)
        interpreter.pathPolicy = .inside(root)
        #expect(InterpreterTests.error(interpreter, "save model sub/m.tutm") == nil)
        try FileManager.default.createSymbolicLink(atPath: root + "/in.tutm", withDestinationPath: root + "/sub/m.tutm")
        for command in ["load model", "save model", "export keras", "run"] {
            #expect(Self.firstLine(interpreter, "\(command) out.tutm") == "error: `out.tutm` leads outside the workspace (through a symbolic link)")
            #expect(Self.firstLine(interpreter, "\(command) dangling.tutm") == "error: `dangling.tutm` leads outside the workspace (through a symbolic link)")
        }
        #expect(try String(contentsOfFile: outside + "/secret.tutm", encoding: .utf8) == "secret")
        #expect(!FileManager.default.fileExists(atPath: outside + "/none.tutm"))
        #expect(InterpreterTests.error(interpreter, "load model in.tutm") == nil)
        #expect(InterpreterTests.error(interpreter, "save model in.tutm") == nil)
        // A folder that is a link out is refused as much as a file.
        try FileManager.default.createSymbolicLink(atPath: root + "/outdir", withDestinationPath: outside)
        #expect(Self.firstLine(interpreter, "data mnist from outdir") == "error: `outdir` leads outside the workspace (through a symbolic link)")
        #expect(Self.firstLine(interpreter, "save model outdir/new.tutm") == "error: `outdir/new.tutm` leads outside the workspace (through a symbolic link)")
        #expect(!FileManager.default.fileExists(atPath: outside + "/new.tutm"))
    }

    /// A workspace that does not exist yet, below a folder reached through a link: its root is
    /// where it will be once created, so files in it are not mistaken for links out.
    @Test func aMissingWorkspaceIsRootedWhereItWillBe() throws {
        let base = try Self.folder()
        try FileManager.default.createSymbolicLink(atPath: base + "/via", withDestinationPath: base + "/sub")
        let policy = PathPolicy.inside(base + "/via/work/deeper")
        #expect(policy.root == base + "/sub/work/deeper")
        try FileManager.default.createDirectory(atPath: base + "/sub/work/deeper/answers", withIntermediateDirectories: true)
        #expect(try policy.resolve("answers/a.tut") == base + "/sub/work/deeper/answers/a.tut")
        #expect(PathPolicy.inside("/").root == "/")
    }

    @Test func messagesNameThePathAsShown() {
        #expect(throws: PathRefusal("`work/answers/x.tut` leads outside the workspace (through `..`)")) {
            try PathPolicy.inside("/tmp").resolve("../x.tut", shown: "work/answers/x.tut")
        }
        #expect(PathRefusal("why").localizedDescription == "why")
    }

    /// The stricter of two policies: the inner folder of two nested ones; none of two apart.
    @Test func narrowing() throws {
        let root = try Self.folder()
        let outer = PathPolicy.inside(root), inner = PathPolicy.inside(root + "/sub")
        #expect(PathPolicy.unrestricted.narrowed(to: inner) == inner)
        #expect(inner.narrowed(to: .unrestricted) == inner)
        #expect(PathPolicy.unrestricted.narrowed(to: .unrestricted) == .unrestricted)
        #expect(outer.narrowed(to: inner) == inner)
        #expect(inner.narrowed(to: outer) == inner)
        #expect(outer.narrowed(to: outer) == outer)
        let apart = PathPolicy.inside(try Self.folder()).narrowed(to: inner)
        #expect(apart.root == nil)
        #expect(apart != .unrestricted)
        #expect(throws: PathRefusal("`m.tutm` cannot be used here: the workspace is outside the folder this session may use")) {
            try apart.resolve("m.tutm")
        }
        #expect(apart.narrowed(to: .unrestricted) == apart)
        #expect(apart.narrowed(to: outer) == apart)
    }
}
