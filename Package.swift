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
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet"]),
        .testTarget(name: "TutorLanguageTests", dependencies: ["TutorLanguage"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "TutorTerminal"]),
        .testTarget(name: "TutorTerminalTests", dependencies: ["TutorTerminal"]),
        .testTarget(name: "EndToEndTests", dependencies: ["tutor"]),
    ],
    swiftLanguageModes: [.v6]
)
