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
        // Public modules.
        .target(name: "NeuralNet", dependencies: ["CBLAS", "CZlib", "CKernels"]),
        .target(name: "TutorLanguage", dependencies: ["NeuralNet"]),
        .target(name: "Lessons", dependencies: ["TutorLanguage", "NeuralNet"]),
        .target(name: "TutorTerminal", dependencies: ["TutorLanguage", "Lessons", "CEditLine"]),
        .executableTarget(
            name: "tutor",
            dependencies: [
                "NeuralNet", "TutorLanguage", "Lessons", "TutorTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // C system libraries, each imported by exactly one Swift file.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The training step's hot loops in C, so that they vectorize (see Sources/CKernels).
        .target(
            name: "CKernels",
            cSettings: [
                .unsafeFlags(["-O3", "-fno-math-errno"]),
                .unsafeFlags(["-fveclib=libmvec"], .when(platforms: [.linux])),
            ],
            linkerSettings: [.linkedLibrary("mvec", .when(platforms: [.linux])), .linkedLibrary("m")]
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
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "ChildProcess"]),
        .testTarget(name: "TutorLanguageTests", dependencies: ["TutorLanguage", "ChildProcess"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "TutorTerminal"]),
        .testTarget(name: "TutorTerminalTests", dependencies: ["TutorTerminal"]),
        .testTarget(name: "EndToEndTests", dependencies: ["tutor", "ChildProcess"]),
    ],
    swiftLanguageModes: [.v6]
)
