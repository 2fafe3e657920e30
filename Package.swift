// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tutor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tutor", targets: ["tutor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Tests only: runs tutor, tmux, gzip and python3 as child processes (see Tests/ChildProcess).
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
    ],
    targets: [
        // Public modules. Each lists every module its files import.
        .target(name: "NeuralNet", dependencies: ["TextFormat", "Files", "CBLAS", "CZlib", "CDeflate", "CKernels"]),
        .target(name: "TutorLanguage", dependencies: ["NeuralNet", "Notebooks", "TextFormat", "Files"]),
        .target(name: "Lessons", dependencies: ["TutorLanguage", "NeuralNet", "TextFormat", "Files"]),
        .target(name: "TutorTerminal", dependencies: ["TutorLanguage", "Lessons", "NeuralNet", "Notebooks", "TextFormat", "Files", "CEditLine"]),
        .executableTarget(
            name: "tutor",
            dependencies: [
                "NeuralNet", "TutorLanguage", "Lessons", "TutorTerminal", "TextFormat", "Files",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Fuzz targets for the parsers and readers of strangers' files (see README, "Fuzzing").
        .executableTarget(name: "tutor-fuzz", dependencies: ["NeuralNet", "TutorLanguage", "Lessons", "TutorTerminal", "TextFormat"], path: "Sources/TutorFuzz"),

        // Support modules every other one may use; TextFormat depends on nothing, Files on it alone.
        // Numbers, shapes and byte counts for people; word wrapping and padding.
        .target(name: "TextFormat"),
        // FileError; AtomicFile, the one way tutor writes a file; RegularFile, the one way it reads
        // one; StandardInput's bounded lines; FileLimits, the sizes it reads at most.
        .target(name: "Files", dependencies: ["TextFormat"]),
        // Jupyter notebooks (nbformat 4.5) as values, written as JSON or as a percent-format
        // script: the session's notebook and the Keras export. Depends on nothing of tutor's.
        .target(name: "Notebooks"),

        // C system libraries, each imported by exactly one Swift file.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Un-gzips whole files at once and sums CRC-32s with the CPU's carry-less multiply: 2–3×
        // zlib's speed on the MNIST files; zlib stays for PNG's deflate and to say why a file is damaged.
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // The training step's hot loops in C, so that they vectorize (see Sources/CKernels).
        .target(
            name: "CKernels",
            cSettings: [
                // No fused multiply-add: a CPU with FMA would round `sum += x * w` once instead of
                // twice, so the digits would depend on the machine (see README, "Same numbers").
                // The sigmoid's e^x is the kernels' own, for the same reason: libmvec's SSE4 and
                // AVX2 versions differ in the last bit.
                .unsafeFlags(["-O3", "-fno-math-errno", "-ffp-contract=off"]),
            ],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),

        // Tests.
        .target(
            name: "ChildProcess",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Tests/ChildProcess"
        ),
        .testTarget(name: "TextFormatTests", dependencies: ["TextFormat"]),
        .testTarget(name: "FilesTests", dependencies: ["Files"]),
        .testTarget(name: "NotebooksTests", dependencies: ["Notebooks", "ChildProcess"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "TextFormat", "Files", "ChildProcess"]),
        .testTarget(name: "TutorLanguageTests", dependencies: ["TutorLanguage", "NeuralNet", "Notebooks", "TextFormat", "ChildProcess"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "TutorLanguage", "NeuralNet", "TutorTerminal", "TextFormat", "Files"]),
        .testTarget(name: "TutorTerminalTests", dependencies: ["TutorTerminal", "TutorLanguage", "Lessons", "NeuralNet", "Notebooks", "TextFormat", "Files", "ChildProcess"]),
        .testTarget(name: "FuzzTests", dependencies: ["tutor-fuzz"]),
        .testTarget(name: "EndToEndTests", dependencies: ["tutor", "ChildProcess"]),
    ],
    swiftLanguageModes: [.v6]
)
