import Linalg

/// The nonlinearity applied after a dense layer.
public enum Activation: Equatable, Sendable {
    case identity
    /// max(x, 0) + slope · min(x, 0), slope in (0, 1).
    case leakyReLU(slope: Float)
    /// x for x > 0, exp(x) − 1 otherwise; its derivative is 1 or y + 1, read off the output.
    case elu
}

/// Dense layer forward pass: `out = act(inp · weight + bias)` for a batch.
/// Shapes: inp `B × I`, weight `I × O`, bias `O`, out `B × O`, all row-major.
public func denseForward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>,
                         weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                         batch: Int, inSize: Int, outSize: Int, activation: Activation) {
    // The bias is written first and the product added onto it (beta 1): OpenBLAS would
    // otherwise clear the output in a pass of its own for beta 0, and an identity layer then
    // needs no pass after the product at all.
    broadcastRows(bias, count: outSize, into: out, rows: batch)
    gemm(transA: false, transB: false, m: batch, n: outSize, k: inSize,
         alpha: 1, a: inp, lda: inSize, b: weight, ldb: outSize, beta: 1, c: out, ldc: outSize)
    switch activation {
    case .identity:
        break
    case .leakyReLU(let slope):
        for i in 0..<(batch * outSize) {
            let v = out[i]
            out[i] = v > 0 ? v : v * slope
        }
    case .elu:
        for i in 0..<(batch * outSize) {
            let v = out[i]
            // Both sides computed, one kept: a select the compiler vectorises.
            let negative = FastExp.expm1NonPositive(min(v, 0))
            out[i] = v > 0 ? v : negative
        }
    }
}

/// Fills `rows` rows of `count` values at `out` with `row`. The filled part doubles with each
/// copy, so a batch of 512 narrow rows costs 10 `memcpy` calls rather than 512, whose call
/// overhead dominates rows of 64 values.
@inline(__always)
func broadcastRows(_ row: UnsafePointer<Float>, count: Int, into out: UnsafeMutablePointer<Float>, rows: Int) {
    guard rows > 0 else { return }
    out.update(from: row, count: count)
    var filled = 1
    while filled < rows {
        let chunk = min(filled, rows - filled)
        (out + filled * count).update(from: out, count: chunk * count)
        filled += chunk
    }
}

/// Dense layer backward pass. On entry `dout` holds ∂L/∂out; it is overwritten with the
/// gradient with respect to the pre-activation. Gradients are *accumulated* into `dweight`
/// (`I × O`) and `dbias` (`O`); `dinp` (`B × I`) is overwritten when given (the first
/// encoder layer needs no input gradient). `out` is the forward output: for a leaky ReLU
/// with positive slope and for the ELU, out > 0 exactly where the pre-activation is > 0,
/// and the ELU's derivative on the negative side is exp(x) = out + 1.
public func denseBackward(dinp: UnsafeMutablePointer<Float>?, dweight: UnsafeMutablePointer<Float>,
                          dbias: UnsafeMutablePointer<Float>, dout: UnsafeMutablePointer<Float>,
                          out: UnsafePointer<Float>, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                          batch: Int, inSize: Int, outSize: Int, activation: Activation) {
    // The activation's derivative and the bias gradient share one pass over δ.
    switch activation {
    case .identity:
        for r in 0..<batch {
            let g = dout + r * outSize
            for c in 0..<outSize { dbias[c] += g[c] }
        }
    case .leakyReLU(let slope):
        for r in 0..<batch {
            let g = dout + r * outSize, y = out + r * outSize
            for c in 0..<outSize {
                let d = y[c] > 0 ? g[c] : g[c] * slope
                g[c] = d
                dbias[c] += d
            }
        }
    case .elu:
        for r in 0..<batch {
            let g = dout + r * outSize, y = out + r * outSize
            for c in 0..<outSize {
                let d = y[c] > 0 ? g[c] : g[c] * (y[c] + 1)
                g[c] = d
                dbias[c] += d
            }
        }
    }
    gemm(transA: true, transB: false, m: inSize, n: outSize, k: batch,
         alpha: 1, a: inp, lda: inSize, b: dout, ldb: outSize, beta: 1, c: dweight, ldc: outSize)
    if let dinp {
        gemm(transA: false, transB: true, m: batch, n: inSize, k: outSize,
             alpha: 1, a: dout, lda: outSize, b: weight, ldb: outSize, beta: 0, c: dinp, ldc: inSize)
    }
}
