// swift-tools-version:6.0
//
// libFuzzer targets for nica's input readers. A separate package so the main build never
// compiles them; build and run with scripts/fuzz.sh.
import PackageDescription

let package = Package(
    name: "nica-fuzz",
    dependencies: [
        .package(name: "nica", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzCSV",
            dependencies: ["FuzzSupport", .product(name: "SignalIO", package: "nica")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(
            name: "FuzzAudio",
            dependencies: ["FuzzSupport", .product(name: "SignalIO", package: "nica")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ],
    swiftLanguageModes: [.v5]
)
