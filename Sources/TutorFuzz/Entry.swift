import Foundation

/// `tutor-fuzz TARGET FILE…` runs the target once on each file (to replay an input under a
/// debugger or the address sanitizer). Built with `-DFUZZING -sanitize=fuzzer` (`make fuzz`),
/// `TUTOR_FUZZ_TARGET=TARGET tutor-fuzz [libFuzzer options] [CORPUS…]` fuzzes the target instead.
@main
struct FuzzMain {
    static func main() {
        #if FUZZING
        fuzz()
        #else
        replay()
        #endif
    }

    static func replay() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: tutor-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE…")
            exit(2)
        }
        for file in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("cannot read \(file)")
                exit(1)
            }
            target.run(Array(data))
            print("\(file): ok")
        }
    }
}

#if FUZZING
/// libFuzzer's driver (in the runtime `-sanitize=fuzzer` links): parses its options and calls
/// `callback` with each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The target named by `TUTOR_FUZZ_TARGET` (one of ``FuzzTarget``'s names).
private let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["TUTOR_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("set TUTOR_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return target
}()

extension FuzzMain {
    static func fuzz() {
        _ = selectedTarget
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv) { data, size in
            selectedTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        })
    }
}
#endif
