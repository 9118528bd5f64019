import XCTest
import Model

final class AdamTests: XCTestCase {
    /// Three steps against the textbook update (Kingma & Ba 2015, algorithm 1) in Float64.
    func testMatchesTextbookUpdate() {
        let adam = Adam(parameterCount: 3, learningRate: 0.01)
        var theta: [Float] = [0.5, -1, 2]
        var ref = theta.map(Double.init), m = [0.0, 0, 0], v = [0.0, 0, 0]
        let grads: [[Float]] = [[0.1, -0.2, 3], [0.05, 0.4, -1], [-0.3, 0, 0.2]]
        for (t, g) in grads.enumerated() {
            theta.withUnsafeMutableBufferPointer { p in
                g.withUnsafeBufferPointer { adam.update(parameters: p, gradients: $0) }
            }
            for i in 0..<3 {
                m[i] = 0.9 * m[i] + 0.1 * Double(g[i])
                v[i] = 0.999 * v[i] + 0.001 * Double(g[i]) * Double(g[i])
                let mh = m[i] / (1 - pow(0.9, Double(t + 1))), vh = v[i] / (1 - pow(0.999, Double(t + 1)))
                ref[i] -= 0.01 * mh / (sqrt(vh) + 1e-8)
            }
        }
        for i in 0..<3 { XCTAssertEqual(Double(theta[i]), ref[i], accuracy: 1e-6) }
        XCTAssertEqual(adam.step, 3)
    }

    /// The SIMD blocks and the scalar tail against the textbook update in Float64, on a length
    /// that is not a multiple of 8, over several steps.
    func testBlocksAndTailMatchTextbookUpdate() {
        let n = 1_003
        let adam = Adam(parameterCount: n, learningRate: 0.003)
        var theta = (0..<n).map { Float(($0 * 37) % 101) / 50 - 1 }
        var ref = theta.map(Double.init), m = [Double](repeating: 0, count: n), v = m
        for t in 0..<5 {
            let g: [Float] = (0..<n).map { i in
                let wave = Float(sin(Double(i * (t + 3))))
                return wave * Float(1 + i % 7)
            }
            theta.withUnsafeMutableBufferPointer { p in
                g.withUnsafeBufferPointer { adam.update(parameters: p, gradients: $0) }
            }
            for i in 0..<n {
                m[i] = 0.9 * m[i] + 0.1 * Double(g[i])
                v[i] = 0.999 * v[i] + 0.001 * Double(g[i]) * Double(g[i])
                let mh = m[i] / (1 - pow(0.9, Double(t + 1))), vh = v[i] / (1 - pow(0.999, Double(t + 1)))
                ref[i] -= 0.003 * mh / (sqrt(vh) + 1e-8)
            }
        }
        var worst = 0.0
        for i in 0..<n { worst = max(worst, abs(Double(theta[i]) - ref[i])) }
        XCTAssertLessThan(worst, 1e-6)
    }
}
