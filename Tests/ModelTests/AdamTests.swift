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
}
