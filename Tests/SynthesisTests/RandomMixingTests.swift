import Linalg
import NicaCore
import Synthesis
import XCTest

final class RandomMixingTests: XCTestCase {
    func testConditionNumberOfKnownMatrices() throws {
        let diagonal = Matrix(rows: 2, cols: 2, data: [1, 0, 0, 4])
        XCTAssertEqual(try RandomMixing.conditionNumber(of: diagonal), 4, accuracy: 1e-9)
        // Orthogonal columns of norms 1 and 3, tall and wide: σ = {3, 1} either way.
        let tall = Matrix(rows: 3, cols: 2, data: [1, 0, 0, 3, 0, 0])
        XCTAssertEqual(try RandomMixing.conditionNumber(of: tall), 3, accuracy: 1e-9)
        XCTAssertEqual(try RandomMixing.conditionNumber(of: tall.transposed()), 3, accuracy: 1e-9)
        let singular = Matrix(rows: 2, cols: 2, data: [1, 2, 2, 4])
        XCTAssertGreaterThan(try RandomMixing.conditionNumber(of: singular), 1e6)
    }

    func testWellConditionedMatrixMeetsThreshold() throws {
        var rng = SeededRNG(seed: 3)
        for (rows, cols, threshold) in [(6, 3, 2.0), (4, 4, 5.0), (8, 8, 5.0), (5, 1, 1.5)] {
            let a = try RandomMixing.wellConditionedMatrix(rows: rows, cols: cols, maxCondition: threshold, rng: &rng)
            XCTAssertEqual(a.rows, rows)
            XCTAssertEqual(a.cols, cols)
            XCTAssertLessThan(try RandomMixing.conditionNumber(of: a), threshold)
            for c in 0..<cols {
                let norm = (0..<rows).reduce(0.0) { $0 + Double(a[$1, c] * a[$1, c]) }
                XCTAssertEqual(norm, 1, accuracy: 1e-5)
            }
            XCTAssertTrue(a.data.allSatisfy { abs($0) <= 1 })
        }
    }

    func testImpossibleThresholdThrows() {
        var rng = SeededRNG(seed: 3)
        assertInvalidArgument("--max-condition") {
            _ = try RandomMixing.wellConditionedMatrix(rows: 8, cols: 8, maxCondition: 1.01, rng: &rng, maxAttempts: 20)
        }
    }

    /// The recorded layers are the ones the generator used: their shapes follow the network
    /// layout and every one meets the spec's threshold.
    func testRecordedNetworkLayersAreWellConditioned() throws {
        let spec = NonlinearSpec(k: 3, m: 5, frames: 200, segmentLength: 50, layers: 3, maxCondition: 4)
        let truth = try spec.generate().truth
        XCTAssertEqual(truth.mixing.map(\.rows), [5, 5, 5])
        XCTAssertEqual(truth.mixing.map(\.cols), [3, 5, 5])
        for layer in truth.mixing {
            let recomputed = try RandomMixing.conditionNumber(of: layer.matrix)
            XCTAssertLessThan(recomputed, 4)
            XCTAssertEqual(layer.conditionNumber ?? .nan, recomputed, accuracy: 1e-9)
        }
    }
}
