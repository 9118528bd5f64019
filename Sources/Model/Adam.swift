#if canImport(Glibc)
import Glibc
#endif

/// Adam (Kingma & Ba, 2015) over one flat parameter buffer, with bias-corrected moments:
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr · m̂ / (√v̂ + ε).
public final class Adam {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    /// Steps taken since the last reset.
    public private(set) var step: Int = 0
    private let m: UnsafeMutableBufferPointer<Float>
    private let v: UnsafeMutableBufferPointer<Float>

    public init(parameterCount: Int, learningRate: Float = 1e-3, beta1: Float = 0.9,
                beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        m = .allocate(capacity: parameterCount)
        v = .allocate(capacity: parameterCount)
        m.initialize(repeating: 0)
        v.initialize(repeating: 0)
    }

    deinit {
        m.deallocate()
        v.deallocate()
    }

    /// Forgets the moments (after restoring parameters from a snapshot).
    public func reset() {
        m.update(repeating: 0)
        v.update(repeating: 0)
        step = 0
    }

    /// One update of `parameters` from `gradients` (same length as the moments).
    public func update(parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>) {
        step += 1
        let b1 = beta1, b2 = beta2
        let c1 = 1 - powf(b1, Float(step)), c2 = 1 - powf(b2, Float(step))
        // Folding both bias corrections into the step size keeps the loop to one division.
        let stepSize = learningRate * c2.squareRoot() / c1
        let epsHat = epsilon * c2.squareRoot()
        let p = parameters.baseAddress!, g = gradients.baseAddress!
        let mp = m.baseAddress!, vp = v.baseAddress!
        let n = parameters.count
        // Blocks of 8 as explicit SIMD: the compiler leaves the plain loop over four buffers
        // that might alias scalar. The tail (and the arithmetic) is the same as the block's.
        var i = 0
        while i + 8 <= n {
            let gi = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
            let mi = b1 * UnsafeRawPointer(mp + i).loadUnaligned(as: SIMD8<Float>.self) + (1 - b1) * gi
            let vi = b2 * UnsafeRawPointer(vp + i).loadUnaligned(as: SIMD8<Float>.self) + (1 - b2) * gi * gi
            let pi = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(mp + i).storeBytes(of: mi, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(vp + i).storeBytes(of: vi, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(p + i).storeBytes(of: pi - stepSize * mi / (vi.squareRoot() + epsHat),
                                                      as: SIMD8<Float>.self)
            i += 8
        }
        while i < n {
            let gi = g[i]
            let mi = b1 * mp[i] + (1 - b1) * gi
            let vi = b2 * vp[i] + (1 - b2) * gi * gi
            mp[i] = mi
            vp[i] = vi
            p[i] -= stepSize * mi / (vi.squareRoot() + epsHat)
            i += 1
        }
    }
}
