import Testing
import NicaCore

@Suite("NicaCore: RNG, signals, errors")
struct CoreTests {
    @Test func rngIsDeterministicAndSeedSensitive() {
        var a = SeededRNG(seed: 42), b = SeededRNG(seed: 42), c = SeededRNG(seed: 43)
        let xa = (0..<100).map { _ in a.next() }, xb = (0..<100).map { _ in b.next() }
        let xc = (0..<100).map { _ in c.next() }
        #expect(xa == xb)
        #expect(xa != xc)
    }

    @Test func normalDrawsHaveUnitMoments() {
        var rng = SeededRNG(seed: 1)
        let n = 200_000
        var sum = 0.0, sumSq = 0.0, sum4 = 0.0
        for _ in 0..<n {
            let z = Double(rng.normal())
            sum += z; sumSq += z * z; sum4 += z * z * z * z
        }
        #expect(abs(sum / Double(n)) < 0.01)
        #expect(abs(sumSq / Double(n) - 1) < 0.015)
        #expect(abs(sum4 / Double(n) - 3) < 0.1) // Gaussian kurtosis
    }

    @Test func uniformRange() {
        var rng = SeededRNG(seed: 9)
        for _ in 0..<10_000 {
            let u = rng.uniform()
            #expect(u >= 0 && u < 1)
        }
    }

    @Test func signalInterleavingRoundTrip() {
        let inter: [Float] = [1, 10, 2, 20, 3, 30]
        let s = Signal(interleaved: inter, channelCount: 2, sampleRate: 100)
        #expect(s.samples == [1, 2, 3, 10, 20, 30])
        #expect(Array(s.channel(1)) == [10, 20, 30])
        #expect(s.interleaved() == inter)
        #expect(abs(s.duration - 0.03) < 1e-12)
    }

    @Test func columnsGatherAndScatterInTheGivenOrder() {
        var m = Matrix(rows: 2, cols: 3, data: [1, 2, 3, 4, 5, 6])
        let picked = m.gatherColumns([2, 0])
        #expect(picked == Matrix(rows: 2, cols: 2, data: [3, 1, 6, 4]))
        m.scatterColumns([0, 2], from: Matrix(rows: 2, cols: 2, data: [10, 30, 40, 60]))
        #expect(m.data == [10, 2, 30, 40, 5, 60])
    }

    @Test func errorMessagesNameTheLocation() {
        let e = NicaError.badData(path: "a.csv", line: 3, column: 2, message: "not a number: \"x\"")
        #expect(e.description == "a.csv:3:2: not a number: \"x\"")
        #expect(e.exitCode == 65)
        #expect(NicaError.missingInput(path: "b.wav", message: "no such file").exitCode == 66)
        #expect(NicaError.invalidArgument(argument: "--window", message: "must be ≥ 1").exitCode == 64)
    }
}
