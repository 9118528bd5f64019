import NicaCore

/// Minibatch SGVB training (Kingma & Welling 2014, algorithm 1) with Adam: each epoch visits
/// every observation once in a fresh random order; one ε sample per observation and step.
public enum Trainer {
    /// Trains `model` on the rows of `data` (`N × F`, standardised). The loss is checked
    /// every epoch: on NaN/Inf the parameters are restored to the last good epoch and the
    /// learning rate halved, up to 4 times, after which `NicaError.numerical` is thrown.
    /// `progress` is called after every epoch (numeric code never prints). `segments` gives
    /// the segment index u of every row (in `0..<segmentCount`), required exactly when the
    /// model has a conditional prior; it travels with its row through the shuffles.
    public static func train(model: VAE, data: Matrix, segments: [Int32]? = nil, options: TrainingOptions,
                             rng: inout SeededRNG,
                             progress: ((EpochRecord) -> Void)? = nil) throws -> TrainingSummary {
        let n = data.rows, f = data.cols, k = model.architecture.latentSize
        precondition(f == model.architecture.inputSize)
        precondition((segments != nil) == (model.architecture.segmentCount > 0), "Trainer: segments and conditional prior go together")
        precondition(segments.map { $0.count == n && $0.allSatisfy { $0 >= 0 && Int($0) < model.architecture.segmentCount } } ?? true)
        guard n >= 2 else {
            throw NicaError.invalidArgument(argument: "input", message: "need at least 2 observations to train, got \(n)")
        }
        let batchSize = min(options.batchSize, n)
        let workspace = VAEWorkspace(model: model, batchCapacity: batchSize)
        let adam = Adam(parameterCount: model.layout.count, learningRate: options.learningRate)
        let batch = UnsafeMutablePointer<Float>.allocate(capacity: batchSize * f)
        defer { batch.deallocate() }
        // Int32 row indices: half the memory of Int on a long recording, the same shuffle
        // (the permutation depends only on the count).
        precondition(n <= Int(Int32.max), "Trainer: more rows than Int32 indices")
        var order = (0..<Int32(n)).map { $0 }
        // The ceiling is applied to the parameters themselves after every step, so the
        // decoder variance the model ends with is the one it was trained under.
        let decoderLogVariances = model.layout.decoderLogVariance..<(model.layout.decoderLogVariance + f)
        func applyCeiling() {
            guard let ceiling = options.decoderLogVarianceCeiling else { return }
            for i in decoderLogVariances { model.parameters[i] = min(model.parameters[i], ceiling) }
        }
        applyCeiling()
        var lastGood = model.parameterValues
        var best = Double.infinity, sinceBest = 0, decays = 0, recoveries = 0, steps = 0
        var history: [EpochRecord] = []
        var stopReason = "max-epochs"
        let epochLimit = options.fixedEpochs ?? options.maxEpochs
        // A fixed budget keeps its second half at full KL weight, so the count is made at the true ELBO.
        let warmup = options.fixedEpochs.map { min(options.klWarmupEpochs, $0 / 2) } ?? options.klWarmupEpochs

        try data.data.withUnsafeBufferPointer { xs in
            let x = xs.baseAddress!
            var epoch = 0
            while epoch < epochLimit {
                rng.shuffle(&order)
                let klWeight = options.klWeight * (warmup > 0 ? min(1, Float(epoch + 1) / Float(warmup)) : 1)
                var sum = 0.0, recon = 0.0, kl = 0.0
                var start = 0
                while start < n {
                    let count = min(batchSize, n - start)
                    for b in 0..<count {
                        (batch + b * f).update(from: x + Int(order[start + b]) * f, count: f)
                    }
                    if let segments {
                        for b in 0..<count { workspace.segments[b] = segments[Int(order[start + b])] }
                    }
                    rng.fillNormalBatch(UnsafeMutableBufferPointer(start: workspace.eps, count: count * k))
                    let loss = workspace.lossAndGradient(model: model, input: batch, batch: count, klWeight: klWeight)
                    adam.update(parameters: model.parameters, gradients: UnsafeBufferPointer(workspace.gradients))
                    applyCeiling()
                    let w = Double(count)
                    sum += loss.reconstruction * w + loss.kl * w
                    recon += loss.reconstruction * w
                    kl += loss.kl * w
                    steps += 1
                    start += count
                }
                let record = EpochRecord(epoch: epoch + 1, loss: sum / Double(n), reconstruction: recon / Double(n),
                                         kl: kl / Double(n), learningRate: adam.learningRate)
                guard record.loss.isFinite, model.parameters.allSatisfy({ $0.isFinite }) else {
                    recoveries += 1
                    if recoveries > 4 {
                        throw NicaError.numerical(message: "training diverged (non-finite loss at epoch \(epoch + 1)) after \(recoveries - 1) recoveries; try a smaller --learning-rate")
                    }
                    model.setParameterValues(lastGood)
                    adam.reset()
                    adam.learningRate *= 0.5
                    continue
                }
                lastGood = model.parameterValues
                history.append(record)
                progress?(record)
                epoch += 1
                if options.fixedEpochs != nil { continue }
                // While the KL weight ramps up the objective itself changes: plateaus only count after.
                if epoch <= warmup {
                    best = .infinity
                    continue
                }
                if record.loss < best - options.tolerance {
                    best = record.loss
                    sinceBest = 0
                } else {
                    best = min(best, record.loss)
                    sinceBest += 1
                }
                if sinceBest >= options.patience && epoch >= options.minEpochs {
                    decays += 1
                    if decays > options.maxDecays { stopReason = "converged"; break }
                    adam.learningRate *= options.decayFactor
                    sinceBest = 0
                }
            }
        }
        if options.fixedEpochs != nil { stopReason = "fixed-epochs" }
        return TrainingSummary(epochs: history.count, steps: steps, stopReason: stopReason,
                               recoveries: recoveries, history: history)
    }
}
