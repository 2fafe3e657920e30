import Foundation
import Testing

@testable import tutor_fuzz

/// Every input kept in `Tests/Fuzz/<target>/` (seeds, and inputs that once crashed a target) runs
/// through its target again: none may crash, trap or hang.
@Suite struct FuzzInputTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static var inputs: [Input] {
        FuzzTarget.allCases.flatMap { target -> [Input] in
            let directory = folder.appendingPathComponent(target.rawValue)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.sorted().map { Input(target: target, file: directory.appendingPathComponent($0).path) }
        }
    }

    struct Input: CustomTestStringConvertible, Sendable {
        let target: FuzzTarget
        let file: String
        var testDescription: String { "\(target.rawValue)/\(URL(fileURLWithPath: file).lastPathComponent)" }
    }

    @Test func everyTargetHasKeptInputs() {
        for target in FuzzTarget.allCases {
            #expect(Self.inputs.contains { $0.target == target }, "no inputs kept for \(target.rawValue)")
        }
    }

    @Test(arguments: inputs) func keptInputRuns(_ input: Input) throws {
        let data = try #require(FileManager.default.contents(atPath: input.file))
        input.target.run(Array(data))
    }
}
