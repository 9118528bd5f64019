import NicaCore

/// A diagonal-Gaussian variational auto-encoder (Kingma & Welling, Auto-Encoding Variational
/// Bayes, 2014): encoder q(z|x) = N(μ(x), diag σ²(x)), prior p(z) = N(0, I) — or, with
/// `architecture.segmentCount > 0`, the learned segment-conditioned p(z|u) = N(m_u, diag v_u)
/// of iVAE (Khemakhem et al. 2020), initialised to N(0, I) — decoder
/// p(x|z) = N(f(z), diag γ²) with γ² learned per feature. All parameters live in one flat
/// Float32 buffer laid out by `ParameterLayout`.
public final class VAE {
    public let architecture: VAEArchitecture
    public let layout: ParameterLayout
    /// The flat parameter buffer (owned; freed with the model).
    public let parameters: UnsafeMutableBufferPointer<Float>

    /// A freshly initialised model: weights and biases U(−1/√in, 1/√in) as PyTorch's
    /// `nn.Linear` does, decoder log-variance 0 (γ² = 1, the variance of standardised data).
    public init(architecture: VAEArchitecture, rng: inout SeededRNG) {
        self.architecture = architecture
        self.layout = ParameterLayout(architecture)
        parameters = .allocate(capacity: layout.count)
        parameters.initialize(repeating: 0)
        for dense in layout.encoder + layout.decoder {
            let bound = 1 / Float(dense.inSize).squareRoot()
            for i in 0..<(dense.inSize * dense.outSize) {
                parameters[dense.weight + i] = (2 * rng.uniform() - 1) * bound
            }
            for i in 0..<dense.outSize { parameters[dense.bias + i] = (2 * rng.uniform() - 1) * bound }
        }
    }

    /// A model with the given parameter values (e.g. loaded from a file).
    public init(architecture: VAEArchitecture, parameterValues: [Float]) {
        self.architecture = architecture
        self.layout = ParameterLayout(architecture)
        precondition(parameterValues.count == layout.count, "VAE: wrong parameter count")
        parameters = .allocate(capacity: layout.count)
        _ = parameters.initialize(from: parameterValues)
    }

    deinit { parameters.deallocate() }

    /// A copy of the parameter values.
    public var parameterValues: [Float] { Array(parameters) }

    /// Overwrites the parameters with `values` (same count).
    public func setParameterValues(_ values: [Float]) {
        precondition(values.count == layout.count)
        for i in values.indices { parameters[i] = values[i] }
    }

    /// The decoder's per-feature log γ² (nats of log-variance, standardised units).
    public var decoderLogVariance: [Float] {
        Array(parameters[layout.decoderLogVariance..<(layout.decoderLogVariance + architecture.inputSize)])
    }

    /// The conditional prior's per-segment means m_u and log-variances log v_u (clamped like
    /// in training), both `U × K`; nil for the isotropic prior.
    public var conditionalPrior: (mean: Matrix, logVariance: Matrix)? {
        guard let pm = layout.priorMeans, let pv = layout.priorLogVariances else { return nil }
        let u = architecture.segmentCount, k = architecture.latentSize
        let mean = Array(parameters[pm..<(pm + u * k)])
        let logVariance = parameters[pv..<(pv + u * k)].map {
            min(max($0, LogVarianceClamp.lower), LogVarianceClamp.upper)
        }
        return (Matrix(rows: u, cols: k, data: mean), Matrix(rows: u, cols: k, data: logVariance))
    }

    /// Posterior means and log-variances for every row of `x` (`N × F`): both `N × K`.
    public func encode(_ x: Matrix, batchSize: Int = 1024) -> (mean: Matrix, logVariance: Matrix) {
        let k = architecture.latentSize
        var mean = Matrix(rows: x.rows, cols: k), logVar = Matrix(rows: x.rows, cols: k)
        mean.data.withUnsafeMutableBufferPointer { m in
            logVar.data.withUnsafeMutableBufferPointer { l in
                encodeBatches(x, batchSize: batchSize) { first, count, means, logVariances in
                    (m.baseAddress! + first * k).update(from: means, count: count * k)
                    (l.baseAddress! + first * k).update(from: logVariances, count: count * k)
                }
            }
        }
        return (mean, logVar)
    }

    /// Encodes the rows of `x` (`N × F`) in batches of `batchSize`, in order, and hands each
    /// batch to `body`: its first row, its row count, and its posterior means and
    /// log-variances (clamped as in training), each `count × K` row-major in buffers reused
    /// for the next batch. Keeping only what is needed of them (the means for the exports,
    /// running sums for the KL) spares the `N × K` matrices `encode` returns.
    public func encodeBatches(_ x: Matrix, batchSize: Int = 1024,
                              _ body: (_ firstRow: Int, _ count: Int, _ means: UnsafePointer<Float>,
                                       _ logVariances: UnsafePointer<Float>) -> Void) {
        precondition(x.cols == architecture.inputSize, "VAE.encode: \(x.cols) features, model expects \(architecture.inputSize)")
        guard x.rows > 0 else { return }
        let k = architecture.latentSize
        let workspace = VAEWorkspace(model: self, batchCapacity: min(max(batchSize, 1), max(x.rows, 1)))
        let means = UnsafeMutablePointer<Float>.allocate(capacity: workspace.batchCapacity * k)
        let logVariances = UnsafeMutablePointer<Float>.allocate(capacity: workspace.batchCapacity * k)
        defer { means.deallocate(); logVariances.deallocate() }
        x.data.withUnsafeBufferPointer { xs in
            var start = 0
            while start < x.rows {
                let count = min(workspace.batchCapacity, x.rows - start)
                let encoded = workspace.encoderForward(model: self, input: xs.baseAddress! + start * x.cols, batch: count)
                for b in 0..<count {
                    for d in 0..<k {
                        means[b * k + d] = encoded[b * 2 * k + d]
                        logVariances[b * k + d] = min(max(encoded[b * 2 * k + k + d], LogVarianceClamp.lower), LogVarianceClamp.upper)
                    }
                }
                body(start, count, means, logVariances)
                start += count
            }
        }
    }

    /// What the posterior means leave unexplained: x − f(μ(x)) for every row of `x` (`N × F`).
    public func residualFromMeans(_ x: Matrix, batchSize: Int = 1024) -> Matrix {
        let f = architecture.inputSize
        var residual = x
        let workspace = VAEWorkspace(model: self, batchCapacity: min(max(batchSize, 1), max(x.rows, 1)))
        residual.data.withUnsafeMutableBufferPointer { out in
            encodeBatches(x, batchSize: workspace.batchCapacity) { first, count, means, _ in
                let reconstruction = workspace.decoderForward(model: self, latent: means, batch: count)
                let rows = out.baseAddress! + first * f
                for i in 0..<(count * f) { rows[i] -= reconstruction[i] }
            }
        }
        return residual
    }
}
