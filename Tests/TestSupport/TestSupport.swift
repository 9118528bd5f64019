import NicaCore
#if canImport(Glibc)
import Glibc
#endif

/// Shared helpers for nica's test targets.
public enum TestSupport {
    /// A fresh empty directory under the system temporary directory.
    public static func makeTemporaryDirectory(_ prefix: String = "nica-test") -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { buf -> String in
            guard let p = mkdtemp(buf.baseAddress!) else { fatalError("mkdtemp failed") }
            return String(cString: p)
        }
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
