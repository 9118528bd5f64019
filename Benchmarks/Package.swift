// swift-tools-version:6.0
//
// Baselines for `nica bench`, outside the main build: a bare C loop of FFTW r2c plus logf
// over the same windows as nica's log-power features (see docs/performance.md).
import PackageDescription

let package = Package(
    name: "nica-benchmarks",
    targets: [
        .executableTarget(
            name: "fftw-logpower-baseline",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("fftw3f"), .linkedLibrary("m")]),
    ]
)
