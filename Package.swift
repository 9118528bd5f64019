// swift-tools-version:6.0
//
// nica — nonlinear ICA of multichannel time series with a variational auto-encoder.
//
// Module graph (each C library is imported by exactly one Swift module):
//
//   CFFTW ── Features          COpenBLAS ── Linalg ── Model, Analysis
//   CSndFile ── SignalIO        NicaCore: Signal, Matrix, RNG, errors (no C, no I/O)
//   Synthesis: generated recordings with known truth (pure)
//   Pipeline: wires features → model → analysis (pure; progress via callback)
//   Report: JSON / CSV / WAV exports of a finished analysis
//   ModelStore: trained models as safetensors files (weights + metadata)
//   nica: the executable, argument parsing only
import PackageDescription

let package = Package(
    name: "nica",
    products: [
        .executable(name: "nica", targets: ["nica"]),
        // For the libFuzzer targets in Fuzz/, which build the readers with sanitizers.
        .library(name: "SignalIO", targets: ["SignalIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: C libraries
        .systemLibrary(
            name: "CFFTW", path: "Sources/CFFTW", pkgConfig: "fftw3f",
            providers: [.apt(["libfftw3-dev"]), .brew(["fftw"])]),
        .systemLibrary(
            name: "CSndFile", path: "Sources/CSndFile", pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"]), .brew(["libsndfile"])]),
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),

        // MARK: Library modules
        .target(name: "NicaCore"),
        .target(name: "Linalg", dependencies: ["NicaCore", "COpenBLAS"]),
        .target(name: "SignalIO", dependencies: ["NicaCore", "CSndFile"]),
        .target(name: "Features", dependencies: ["NicaCore", "CFFTW"]),
        .target(name: "Model", dependencies: ["NicaCore", "Linalg"]),
        .target(name: "Analysis", dependencies: ["NicaCore", "Linalg"]),
        .target(name: "Synthesis", dependencies: ["NicaCore", "Linalg"]),
        .target(name: "Pipeline", dependencies: ["NicaCore", "Features", "Model", "Analysis", "Linalg"]),
        .target(name: "Evaluation", dependencies: ["NicaCore", "Analysis", "Features", "Pipeline", "SignalIO", "Synthesis"]),
        .target(name: "ModelStore", dependencies: ["NicaCore", "SignalIO", "Features", "Model", "Analysis", "Pipeline", "Report"]),
        .target(name: "Report", dependencies: ["NicaCore", "SignalIO", "Features", "Linalg", "Model", "Analysis", "Pipeline", "Synthesis"]),
        .target(name: "Benchmarking", dependencies: ["NicaCore", "Linalg", "Model", "Features", "SignalIO"]),

        // MARK: Executable
        .executableTarget(
            name: "nica",
            dependencies: [
                "NicaCore", "SignalIO", "Features", "Pipeline", "Report", "Synthesis", "Evaluation", "ModelStore",
                "Benchmarking", "Linalg",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["NicaCore"], path: "Tests/TestSupport"),
        .testTarget(name: "NicaCoreTests", dependencies: ["NicaCore", "TestSupport"]),
        .testTarget(name: "LinalgTests", dependencies: ["Linalg", "TestSupport"]),
        .testTarget(name: "SignalIOTests", dependencies: ["SignalIO", "TestSupport"]),
        .testTarget(name: "FeaturesTests", dependencies: ["Features", "TestSupport"]),
        .testTarget(name: "ModelTests", dependencies: ["Model", "Linalg", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "TestSupport"]),
        .testTarget(name: "SynthesisTests", dependencies: ["Synthesis", "TestSupport"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Synthesis", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Synthesis", "SignalIO", "Model", "Analysis", "Features", "TestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Pipeline", "Analysis", "Features", "Synthesis", "Model", "NicaCore", "TestSupport"]),
        .testTarget(name: "ModelStoreTests", dependencies: ["ModelStore", "Model", "Analysis", "Pipeline", "Features", "Synthesis", "SignalIO", "NicaCore", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "CLITests", dependencies: ["nica", "SignalIO", "NicaCore", "Linalg", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "BenchmarkingTests", dependencies: ["Benchmarking", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)

// The CSV scanner reads and updates its state for every field; in release builds the dynamic
// exclusivity checks on those class properties cost as much as the parsing itself. Debug
// builds (and so the tests) keep the checks.
for target in package.targets where target.name == "SignalIO" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
}
