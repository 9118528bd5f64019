import NicaCore

/// The random mixing network of the iVAE simulations (Khemakhem et al. 2020): `L` layers,
/// the first `k → m`, later ones `m → m`, each a well-conditioned random matrix (see
/// `RandomMixing`). The activation follows every layer except the last, so the output is
/// not squashed; with a single layer it does follow that layer, as otherwise the "nonlinear"
/// mixture would be linear.
struct MixingNetwork {
    var layers: [MixingLayer]
    /// `nil` gives a purely linear network (the `linear` family).
    var activation: MixingActivation?

    /// Draws `layers` matrices, each from its own fork of `rng` (so the first layer of an
    /// L-layer network is the matrix of the 1-layer network with the same seed).
    static func random(k: Int, m: Int, layers: Int, activation: MixingActivation?,
                       maxCondition: Double, rng: inout SeededRNG) throws -> MixingNetwork {
        var drawn = [MixingLayer]()
        for l in 0..<layers {
            var layerRNG = rng.fork()
            drawn.append(try RandomMixing.wellConditionedLayer(
                rows: m, cols: l == 0 ? k : m, maxCondition: maxCondition, rng: &layerRNG))
        }
        return MixingNetwork(layers: drawn, activation: activation)
    }

    /// Whether layer `l` is followed by the activation.
    func activates(after l: Int) -> Bool {
        activation != nil && (layers.count == 1 || l < layers.count - 1)
    }

    /// The network applied sample by sample; `sources` holds one array per source.
    func apply(to sources: [[Double]]) -> [[Double]] {
        var x = sources
        for (l, layer) in layers.enumerated() {
            x = layer.apply(to: x)
            if activates(after: l), let activation {
                for c in x.indices {
                    x[c].withUnsafeMutableBufferPointer { v in
                        for t in v.indices { v[t] = activation.apply(v[t]) }
                    }
                }
            }
        }
        return x
    }

    /// The network's output at one frame's inputs `x`, and its Jacobian there, row-major
    /// `outputs × inputs`.
    func jacobian(at x: [Double]) -> (output: [Double], jacobian: [Double]) {
        let k = x.count
        var h = x
        var jacobian = [Double](repeating: 0, count: k * k)
        for i in 0..<k { jacobian[i * k + i] = 1 }
        for (l, layer) in layers.enumerated() {
            var next = [Double](repeating: 0, count: layer.rows)
            var nextJacobian = [Double](repeating: 0, count: layer.rows * k)
            for r in 0..<layer.rows {
                for c in 0..<layer.cols {
                    let a = Double(layer[r, c])
                    next[r] += a * h[c]
                    for j in 0..<k { nextJacobian[r * k + j] += a * jacobian[c * k + j] }
                }
            }
            if activates(after: l), let activation {
                for r in 0..<layer.rows {
                    let slope = activation.derivative(next[r])
                    next[r] = activation.apply(next[r])
                    for j in 0..<k { nextJacobian[r * k + j] *= slope }
                }
            }
            h = next
            jacobian = nextJacobian
        }
        return (h, jacobian)
    }
}
