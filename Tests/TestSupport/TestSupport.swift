import Foundation
import NicaCore
#if canImport(Glibc)
import Glibc
#endif

/// Shared helpers for nica's test targets.
public enum TestSupport {
    /// A fresh empty directory under the system temporary directory, removed with its
    /// contents when the test process exits.
    public static func makeTemporaryDirectory(_ prefix: String = "nica-test") -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { buf -> String in
            guard let p = mkdtemp(buf.baseAddress!) else { fatalError("mkdtemp failed") }
            return String(cString: p)
        }
        TemporaryDirectories.shared.register(path)
        return path
    }

    /// Largest absolute difference between two equally long arrays.
    public static func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count)
        var m: Float = 0
        for i in a.indices { m = max(m, abs(a[i] - b[i])) }
        return m
    }

    /// Largest relative difference |a−b| / max(|a|, |b|, floor).
    public static func maxRelativeDifference(_ a: [Double], _ b: [Double], floor: Double = 1e-6) -> Double {
        precondition(a.count == b.count)
        var m = 0.0
        for i in a.indices { m = max(m, abs(a[i] - b[i]) / max(abs(a[i]), abs(b[i]), floor)) }
        return m
    }
}

/// The directories `makeTemporaryDirectory` made, removed at exit so test runs leave no files
/// behind (a test that removes its own directory earlier is fine: removal is best effort).
private final class TemporaryDirectories: @unchecked Sendable {
    static let shared = TemporaryDirectories()
    private let lock = NSLock()
    private var paths: [String] = []

    private init() {
        atexit { TemporaryDirectories.shared.removeAll() }
    }

    func register(_ path: String) {
        lock.lock()
        paths.append(path)
        lock.unlock()
    }

    private func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
        paths.removeAll()
    }
}
