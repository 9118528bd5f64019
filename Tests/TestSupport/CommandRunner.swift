import Foundation

/// Runs the built `nica` executable as a user would, capturing its output.
public struct CommandResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum CommandRunner {
    /// The package root (the directory holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// Model options for tests where the hidden width is not under test: the 128-wide layers
    /// the tests were written against, several times quicker in a debug build than the
    /// 256-wide per-sample default.
    public static let quickModel = ["--hidden", "128,128"]

    /// The `nica` binary built next to the test bundle.
    public static var executable: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("nica")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let fallback = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nica")
        return fallback
    }

    /// Runs `nica arguments…` in the package root, with optional standard input and
    /// environment variables set on top of the test's own.
    @discardableResult
    public static func nica(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = packageRoot
        // Output goes to files, not pipes, so a large output can never block the child.
        let dir = TestSupport.makeTemporaryDirectory("nica-run")
        let outPath = dir + "/stdout", errPath = dir + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: URL(fileURLWithPath: outPath))
        let errData = try Data(contentsOf: URL(fileURLWithPath: errPath))
        try? FileManager.default.removeItem(atPath: dir)
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}
