#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// libm's Float64 functions under names of their own: `NormalFill` defines a static Float `log`
// that would shadow libm's inside its scope, and its Float64 reference twin needs the real one.
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inline(__always) func _sin(_ x: Double) -> Double { sin(x) }
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }

extension Duration {
    /// The duration in seconds, as one number (for timings in reports).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
