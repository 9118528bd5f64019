import Foundation
import NicaCore
import Synthesis
import XCTest

/// Small statistics shared by the Synthesis tests, in Float64.
enum Stats {
    static func column(_ m: Matrix, _ j: Int) -> [Double] {
        (0..<m.rows).map { Double(m[$0, j]) }
    }

    static func channel(_ s: Signal, _ c: Int) -> [Double] {
        s.channel(c).map(Double.init)
    }

    static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

    static func variance(_ x: [Double]) -> Double {
        let mu = mean(x)
        return x.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(x.count)
    }

    static func meanSquare(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 } / Double(x.count) }

    static func lag1Autocorrelation(_ x: [Double]) -> Double {
        let mu = mean(x)
        var num = 0.0, den = 0.0
        for t in x.indices {
            den += (x[t] - mu) * (x[t] - mu)
            if t > 0 { num += (x[t] - mu) * (x[t - 1] - mu) }
        }
        return num / den
    }

    /// Solves the symmetric positive definite system `a x = b` (n × n, row-major) by Cholesky.
    static func solveSPD(_ a: [Double], _ b: [Double], n: Int) -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for p in 0..<j { sum -= l[i * n + p] * l[j * n + p] }
                l[i * n + j] = i == j ? sum.squareRoot() : sum / l[j * n + j]
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = b[i]
            for p in 0..<i { sum -= l[i * n + p] * y[p] }
            y[i] = sum / l[i * n + i]
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for p in (i + 1)..<n { sum -= l[p * n + i] * x[p] }
            x[i] = sum / l[i * n + i]
        }
        return x
    }

    /// Fraction of the variance of `targets` left unexplained by the best affine function of
    /// `regressors` (least squares through the normal equations), pooled over the targets.
    static func unexplainedFraction(targets: [[Double]], regressors: [[Double]]) -> Double {
        let n = regressors[0].count
        let design = regressors + [[Double](repeating: 1, count: n)]   // intercept column
        let p = design.count
        var gram = [Double](repeating: 0, count: p * p)
        for i in 0..<p { for j in 0..<p {
            var s = 0.0
            for t in 0..<n { s += design[i][t] * design[j][t] }
            gram[i * p + j] = s
        } }
        var residual = 0.0, total = 0.0
        for y in targets {
            let rhs = (0..<p).map { i in (0..<n).reduce(0.0) { $0 + design[i][$1] * y[$1] } }
            let beta = solveSPD(gram, rhs, n: p)
            for t in 0..<n {
                var fit = 0.0
                for i in 0..<p { fit += beta[i] * design[i][t] }
                residual += (y[t] - fit) * (y[t] - fit)
            }
            total += variance(y) * Double(n)
        }
        return residual / total
    }

    /// Fraction of the power of `x[0..<count]` (Hann-windowed, mean removed) whose frequency
    /// lies in `band` Hz, by a naive DFT over the positive frequencies.
    static func bandPowerFraction(_ x: [Double], count: Int, sampleRate: Double,
                                  band: ClosedRange<Double>) -> Double {
        let segment = Array(x[0..<count])
        let mu = mean(segment)
        let windowed = (0..<count).map { t in
            (segment[t] - mu) * 0.5 * (1 - cos(2 * Double.pi * Double(t) / Double(count)))
        }
        let cosTable = (0..<count).map { cos(2 * Double.pi * Double($0) / Double(count)) }
        let sinTable = (0..<count).map { sin(2 * Double.pi * Double($0) / Double(count)) }
        var inBand = 0.0, total = 0.0
        for bin in 1..<(count / 2) {
            var re = 0.0, im = 0.0, index = 0
            for t in 0..<count {
                re += windowed[t] * cosTable[index]
                im -= windowed[t] * sinTable[index]
                index += bin
                if index >= count { index -= count }
            }
            let power = re * re + im * im
            total += power
            if band.contains(Double(bin) * sampleRate / Double(count)) { inBand += power }
        }
        return inBand / total
    }
}

/// Asserts that `body` throws `NicaError.invalidArgument` for `argument`.
func assertInvalidArgument(_ argument: String, file: StaticString = #filePath, line: UInt = #line,
                           _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("expected an invalid \(argument), nothing was thrown", file: file, line: line)
    } catch let NicaError.invalidArgument(name, _) {
        XCTAssertEqual(name, argument, file: file, line: line)
    } catch {
        XCTFail("expected an invalid \(argument), got \(error)", file: file, line: line)
    }
}
