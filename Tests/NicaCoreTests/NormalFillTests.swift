import NicaCore
import XCTest

/// `fillNormalBatch` against its naive twin (Box–Muller in Float64 libm on the same uniforms).
final class NormalFillTests: XCTestCase {
    func testTransformMatchesFloat64BoxMullerEverywhere() {
        var rng = SeededRNG(seed: 3)
        var u1: [Float] = [1.0 / 16_777_216, 1, 0.5, 1e-3]
        var b: [UInt32] = [0, 1 << 21, 1 << 22, 3 << 21]
        // Every quarter-turn boundary and its neighbours, and the last angle before a full turn.
        for q: UInt32 in [1 << 21, 3 << 21, 5 << 21, 7 << 21] {
            for delta: UInt32 in [0, 1] {
                u1.append(0.3); b.append(q - delta)
                u1.append(0.3); b.append(q + delta)
            }
        }
        u1.append(0.3); b.append(0xFF_FFFF)
        for _ in 0..<50_000 {
            let bits = rng.next()
            u1.append(NormalFill.radiusUniform(bits))
            b.append(NormalFill.angleBits(bits))
        }
        var radius = u1, turns = b
        NormalFill.transform(&radius, &turns, count: radius.count)
        var worst: Float = 0
        for i in u1.indices {
            let reference = NormalFill.boxMullerReference(u1[i], b[i])
            worst = max(worst, abs(radius[i] - reference.cos), abs(Float(bitPattern: turns[i]) - reference.sin))
        }
        XCTAssertLessThan(worst, 2e-6)
    }

    func testUniformsAreInRangeAndUseSeparateBits() {
        XCTAssertEqual(NormalFill.radiusUniform(0), 1.0 / 16_777_216)
        XCTAssertEqual(NormalFill.radiusUniform(.max), 1)
        XCTAssertEqual(NormalFill.angleBits(0), 0)
        XCTAssertEqual(NormalFill.angleBits(.max), 0xFF_FFFF)
        XCTAssertEqual(NormalFill.angleBits(0xFFFF_FF00_0000_FFFF), 0)
    }

    func testBatchLayoutAndMomentsForAnOddCount() {
        let n = 100_001
        var rng = SeededRNG(seed: 11)
        var copy = rng
        var z = [Float](repeating: .nan, count: n)
        z.withUnsafeMutableBufferPointer { rng.fillNormalBatch($0) }
        // Layout: pair i gives z[i] (cosine) and z[half + i] (sine); the odd last one a cosine.
        let half = (n + 1) / 2
        for i in 0..<half {
            let bits = copy.next()
            let reference = NormalFill.boxMullerReference(NormalFill.radiusUniform(bits), NormalFill.angleBits(bits))
            XCTAssertEqual(z[i], reference.cos, accuracy: 2e-6)
            if half + i < n { XCTAssertEqual(z[half + i], reference.sin, accuracy: 2e-6) }
        }
        let mean = z.reduce(0.0) { $0 + Double($1) } / Double(n)
        let variance = z.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(n) - mean * mean
        XCTAssertEqual(mean, 0, accuracy: 0.015)
        XCTAssertEqual(variance, 1, accuracy: 0.02)
        // The generator advanced by exactly one draw per pair.
        XCTAssertEqual(rng.next(), copy.next())
    }
}
