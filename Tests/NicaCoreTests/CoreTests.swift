import XCTest
import NicaCore

final class CoreTests: XCTestCase {
    func testRNGIsDeterministicAndSeedSensitive() {
        var a = SeededRNG(seed: 42), b = SeededRNG(seed: 42), c = SeededRNG(seed: 43)
        let xa = (0..<100).map { _ in a.next() }, xb = (0..<100).map { _ in b.next() }
        let xc = (0..<100).map { _ in c.next() }
        XCTAssertEqual(xa, xb)
        XCTAssertNotEqual(xa, xc)
    }

    func testNormalDrawsHaveUnitMoments() {
        var rng = SeededRNG(seed: 1)
        let n = 200_000
        var sum = 0.0, sumSq = 0.0, sum4 = 0.0
        for _ in 0..<n {
            let z = Double(rng.normal())
            sum += z; sumSq += z * z; sum4 += z * z * z * z
        }
        XCTAssertEqual(sum / Double(n), 0, accuracy: 0.01)
        XCTAssertEqual(sumSq / Double(n), 1, accuracy: 0.015)
        XCTAssertEqual(sum4 / Double(n), 3, accuracy: 0.1) // Gaussian kurtosis
    }

    func testUniformRange() {
        var rng = SeededRNG(seed: 9)
        for _ in 0..<10_000 {
            let u = rng.uniform()
            XCTAssert(u >= 0 && u < 1)
        }
    }

    func testSignalInterleavingRoundTrip() {
        let inter: [Float] = [1, 10, 2, 20, 3, 30]
        let s = Signal(interleaved: inter, channelCount: 2, sampleRate: 100)
        XCTAssertEqual(s.samples, [1, 2, 3, 10, 20, 30])
        XCTAssertEqual(Array(s.channel(1)), [10, 20, 30])
        XCTAssertEqual(s.interleaved(), inter)
        XCTAssertEqual(s.duration, 0.03, accuracy: 1e-12)
    }

    func testErrorMessagesNameTheLocation() {
        let e = NicaError.badData(path: "a.csv", line: 3, column: 2, message: "not a number: \"x\"")
        XCTAssertEqual(e.description, "a.csv:3:2: not a number: \"x\"")
        XCTAssertEqual(e.exitCode, 65)
        XCTAssertEqual(NicaError.missingInput(path: "b.wav", message: "no such file").exitCode, 66)
        XCTAssertEqual(NicaError.invalidArgument(argument: "--window", message: "must be ≥ 1").exitCode, 64)
    }
}
