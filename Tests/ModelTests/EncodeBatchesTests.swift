import XCTest
import NicaCore
import Model

/// Encoding batch by batch hands over exactly the rows `encode` returns, in order.
final class EncodeBatchesTests: XCTestCase {
    func testBatchesCoverEveryRowOnceWithEncodeValues() {
        var rng = SeededRNG(seed: 21)
        let architecture = VAEArchitecture(inputSize: 6, hiddenSizes: [8], latentSize: 3)
        let model = VAE(architecture: architecture, rng: &rng)
        let x = Matrix(rows: 250, cols: 6, data: (0..<1500).map { _ in rng.normal() * 3 })
        let (mean, logVar) = model.encode(x, batchSize: 64)
        var rowsSeen: [Int] = []
        var means = [Float](), logVariances = [Float]()
        model.encodeBatches(x, batchSize: 64) { first, count, m, l in
            XCTAssertEqual(first, rowsSeen.count)
            rowsSeen += first..<(first + count)
            means += UnsafeBufferPointer(start: m, count: count * 3)
            logVariances += UnsafeBufferPointer(start: l, count: count * 3)
        }
        XCTAssertEqual(rowsSeen, Array(0..<250))
        XCTAssertEqual(means.map(\.bitPattern), mean.data.map(\.bitPattern))
        XCTAssertEqual(logVariances.map(\.bitPattern), logVar.data.map(\.bitPattern))
        XCTAssertTrue(logVariances.allSatisfy { $0 >= LogVarianceClamp.lower && $0 <= LogVarianceClamp.upper })
    }
}
