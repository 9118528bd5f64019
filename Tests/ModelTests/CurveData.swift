import Foundation
import Model
import NicaCore

/// Small training sets for the trainer's tests.
enum CurveData {
    /// 400 standardised-looking observations of a 2-D curve in 4 features, with noise of
    /// standard deviation 0.05.
    static func observations(seed: UInt64) -> Matrix {
        var rng = SeededRNG(seed: seed)
        let n = 400, f = 4
        var values = [Float](repeating: 0, count: n * f)
        for r in 0..<n {
            let s = Float(rng.uniform(-1.7, 1.7)), u = Float(rng.uniform(-1.7, 1.7))
            let row = [s, u, tanh(s + u), s * u]
            for c in 0..<f { values[r * f + c] = row[c] + 0.05 * Float(rng.normal()) }
        }
        return Matrix(rows: n, cols: f, data: values)
    }

    /// Short training runs on the curve: batches of 50, exactly 30 epochs, no KL warm-up.
    static func shortTraining() -> TrainingOptions {
        var options = TrainingOptions()
        options.batchSize = 50
        options.fixedEpochs = 30
        options.klWarmupEpochs = 0
        return options
    }
}
