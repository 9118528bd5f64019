import NicaCore

/// Builds the feature matrix of a recording that arrives front to back in blocks of frames,
/// so the recording never has to be in memory whole: the matrix (one row per window, as
/// `FeatureExtractor` documents) is allocated once at its final size from the declared
/// frame count, and each window is transformed as soon as its last frame has arrived.
///
/// The result is bit-identical to `FeatureExtractor.extract(signal:config:)` on the whole
/// recording, for any block sizes: windows go through the same batched FFT plan in the same
/// slots (transform `q = i·m + c` in batch `⌊q / batch⌋`), and the log-power floor comes from
/// the same per-channel accumulation of x², which does not depend on where blocks end. When
/// the floor is not given up front it is known only after the last frame, so the log is then
/// taken in one pass over the finished matrix (`log(p + ε)` element by element, the same
/// values as taking it batch by batch).
///
/// Frames a window still needs from earlier blocks are kept in a carry of at most `W − 1`
/// frames per channel; windows that lie inside the current block are read from it directly.
public final class FeatureAccumulator {
    /// How windows become feature rows.
    public let config: FeatureConfig
    /// Channels of the recording (the blocks' channels).
    public let channelCount: Int
    /// Frames the recording has (declared up front; `finish()` expects exactly these).
    public let frameCount: Int
    /// Where the windows lie.
    public let framing: Framing
    /// Frames appended so far.
    public private(set) var framesAppended = 0

    private let windowCount: Int
    private let columns: Int
    private var output: [Float]
    /// First window not yet handed to the output (raw) or the FFT input (spectral).
    private var nextWindow = 0
    /// Frames `carryStart ..< carryStart + carryCount` of each channel, channel `c` at
    /// `carry + c·W`: what the next windows need from before the current block.
    private let carry: UnsafeMutablePointer<Float>
    private var carryStart = 0
    private var carryCount = 0

    // Spectral kinds.
    private let plan: SpectrumPlan?
    private let taper: [Float]
    /// Transforms waiting in the plan's input, and the transform index of the first of them.
    private var pending = 0
    private var batchStart = 0
    /// ε when known up front; otherwise Σx² is accumulated and ε is taken at the end.
    private let logFloor: Float?
    private var squares: MeanSquareAccumulator?
    private var finished = false

    /// Prepares the matrix for a recording of `frameCount` frames in `channelCount` channels.
    ///
    /// - Parameter logFloor: the log-power floor ε if it is already known (a recording in
    ///   memory: `FeatureExtractor.logPowerFloor`), so the log is taken batch by batch;
    ///   nil to derive it from the frames as they arrive.
    /// - Throws: `NicaError.invalidArgument` when `config` does not fit the recording
    ///   (`FeatureConfig.validate(frameCount:)`).
    public init(config: FeatureConfig, channelCount: Int, frameCount: Int, logFloor: Float? = nil) throws {
        try config.validate(frameCount: frameCount)
        self.config = config
        self.channelCount = channelCount
        self.frameCount = frameCount
        framing = Framing(frameCount: frameCount, config: config)
        windowCount = framing.windowCount
        columns = config.featureCount(channelCount: channelCount)
        let count = windowCount * columns
        // Every element is written before `finish()` returns, so the buffer is not zero-filled
        // (that would touch every page of a matrix of hundreds of megabytes twice).
        output = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                HugePages.advise(base, byteCount: count * MemoryLayout<Float>.stride)
            }
            initialized = count
        }
        carry = .allocate(capacity: max(channelCount * config.window, 1))
        let transforms = windowCount * channelCount
        if config.kind.isSpectral && transforms > 0 {
            let batch = SpectrumPlanPool.batchSize(window: config.window, transforms: transforms)
            plan = SpectrumPlanPool.shared.checkOut(window: config.window, batch: batch)
            taper = HannWindow.periodic(config.window)
        } else {
            plan = nil
            taper = []
        }
        if config.kind == .logpower && logFloor == nil {
            squares = MeanSquareAccumulator(channelCount: channelCount)
        }
        self.logFloor = logFloor
    }

    deinit {
        carry.deallocate()
        if let plan, !finished { SpectrumPlanPool.shared.checkIn(plan) }
    }

    /// Appends the next `frames` frames: channel `c` at `block[c·channelStride ..< c·channelStride + frames]`.
    public func append(_ block: UnsafePointer<Float>, frames: Int, channelStride: Int) {
        precondition(!finished, "FeatureAccumulator: append after finish")
        precondition(frames >= 0 && framesAppended + frames <= frameCount,
                     "FeatureAccumulator: \(framesAppended + frames) frames appended, \(frameCount) declared")
        precondition(frames == 0 || channelStride >= frames, "FeatureAccumulator: channel stride shorter than the block")
        guard frames > 0 else { return }
        let blockStart = framesAppended, blockEnd = blockStart + frames
        squares?.add(block, frames: frames, channelStride: channelStride, firstFrame: blockStart)

        let w = config.window, hop = config.hop, m = channelCount, cols = columns
        let carryBase = carry, carryFirst = carryStart
        // The loop state lives in locals: every access to a class's `var` property is an
        // exclusivity check, which costs as much as the taper in this loop.
        var window = nextWindow
        let windows = windowCount
        output.withUnsafeMutableBufferPointer { out in
            guard let dst = out.baseAddress else { return }
            var pendingTransforms = pending, firstPending = batchStart
            taper.withUnsafeBufferPointer { taperBuffer in
                let hann = taperBuffer.baseAddress
                while window < windows {
                    let start = window * hop
                    guard start + w <= blockEnd else { break }
                    // Channel c's samples of the window: `head` frames from the carry (when the
                    // window began before this block), then the rest from the block.
                    let head = max(0, blockStart - start)
                    let fromCarry = head > 0 ? carryBase + (start - carryFirst) : carryBase
                    let fromBlock = block + max(0, start - blockStart)
                    if let plan, let hann {
                        for c in 0..<m {
                            plan.withInput { input in
                                let row = input + pendingTransforms * plan.inputStride
                                let early = fromCarry + c * w, late = fromBlock + c * channelStride
                                if head == 0 {
                                    for t in 0..<w { row[t] = late[t] * hann[t] }
                                } else {
                                    for t in 0..<head { row[t] = early[t] * hann[t] }
                                    for t in head..<w { row[t] = late[t - head] * hann[t] }
                                }
                            }
                            pendingTransforms += 1
                            if pendingTransforms == plan.batch {
                                transform(plan: plan, count: pendingTransforms, firstTransform: firstPending, into: dst)
                                firstPending += pendingTransforms
                                pendingTransforms = 0
                            }
                        }
                    } else {
                        let row = dst + window * cols
                        if w == 1 {
                            for c in 0..<m { row[c] = fromBlock[c * channelStride] }
                        } else {
                            for c in 0..<m {
                                if head > 0 { (row + c * w).update(from: fromCarry + c * w, count: head) }
                                (row + c * w + head).update(from: fromBlock + c * channelStride, count: w - head)
                            }
                        }
                    }
                    window += 1
                }
            }
            pending = pendingTransforms
            batchStart = firstPending
        }
        nextWindow = window
        keepCarry(block, channelStride: channelStride, blockStart: blockStart, blockEnd: blockEnd)
        framesAppended = blockEnd
    }

    /// Transforms the `count` windows waiting in the plan's input (transforms
    /// `firstTransform …`) and writes their pooled power (or magnitude, or log-power when ε is
    /// known) to the output.
    private func transform(plan: SpectrumPlan, count: Int, firstTransform: Int, into dst: UnsafeMutablePointer<Float>) {
        guard count > 0 else { return }
        let w = config.window, pool = config.poolBins, bins = w / 2 + 1
        let groups = config.featuresPerChannel, outStride = plan.outputStride
        plan.execute()
        // |X_k|², pooled in groups of P.
        plan.withOutput { spectra in
            for j in 0..<count {
                let spectrum = spectra + 2 * j * outStride
                let features = dst + (firstTransform + j) * groups
                if pool == 1 {
                    for k in 0..<bins {
                        let re = spectrum[2 * k], im = spectrum[2 * k + 1]
                        features[k] = re * re + im * im
                    }
                } else {
                    for g in 0..<groups {
                        let k0 = g * pool, k1 = min(k0 + pool, bins)
                        var sum: Float = 0
                        for k in k0..<k1 {
                            let re = spectrum[2 * k], im = spectrum[2 * k + 1]
                            sum += re * re + im * im
                        }
                        features[g] = sum / Float(k1 - k0)
                    }
                }
            }
        }
        // Power → feature over the batch's contiguous stretch (log-power waits for ε if it
        // is not known yet).
        let stretch = UnsafeMutableBufferPointer(start: dst + firstTransform * groups, count: count * groups)
        if config.kind == .magnitude {
            // Scalar sqrtss: Swift keeps a libm fallback for negative inputs, so this loop
            // does not vectorise; ~1 ns per value, about what the log costs.
            let p = stretch.baseAddress!
            for i in 0..<stretch.count { p[i] = p[i].squareRoot() }
        } else if let logFloor {
            FastLog.logInPlace(stretch, adding: logFloor)
        }
    }

    /// Keeps the frames from the start of the next window to the end of the block (fewer
    /// than W: that window is not complete yet) for the windows that straddle blocks.
    private func keepCarry(_ block: UnsafePointer<Float>, channelStride: Int, blockStart: Int, blockEnd: Int) {
        let w = config.window
        let keepFrom = nextWindow < windowCount ? nextWindow * config.hop : blockEnd
        guard keepFrom < blockEnd else {
            carryStart = keepFrom
            carryCount = 0
            return
        }
        let fromOld = max(0, blockStart - keepFrom)        // frames kept from the old carry
        let oldOffset = keepFrom - carryStart
        let fromBlock = blockEnd - max(keepFrom, blockStart)
        let blockOffset = max(keepFrom, blockStart) - blockStart
        for c in 0..<channelCount {
            let row = carry + c * w
            // Overlapping, towards the front: a forward copy is safe.
            if oldOffset > 0 { for k in 0..<fromOld { row[k] = row[oldOffset + k] } }
            (row + fromOld).update(from: block + c * channelStride + blockOffset, count: fromBlock)
        }
        carryStart = keepFrom
        carryCount = fromOld + fromBlock
    }

    /// The feature matrix, once every declared frame has been appended. The accumulator
    /// hands its storage over and cannot be used afterwards.
    public func finish() -> Matrix {
        precondition(!finished, "FeatureAccumulator: finish called twice")
        precondition(framesAppended == frameCount,
                     "FeatureAccumulator: \(framesAppended) of \(frameCount) frames appended")
        finished = true
        if let plan {
            output.withUnsafeMutableBufferPointer { out in
                transform(plan: plan, count: pending, firstTransform: batchStart, into: out.baseAddress!)
                if config.kind == .logpower && logFloor == nil {
                    let eps = FeatureExtractor.logPowerFloor(meanSquare: squares!.meanSquare(frameCount: frameCount),
                                                             window: config.window)
                    FastLog.logInPlace(out, adding: eps)
                }
            }
            SpectrumPlanPool.shared.checkIn(plan)
        }
        let data = output
        output = []
        return Matrix(rows: windowCount, cols: columns, data: data)
    }
}

/// Σx² of a recording fed in blocks, per channel in four lanes by frame index modulo 4
/// (Float64, independent sums without one long dependency chain), so the total does not
/// depend on where the blocks end: every lane sees the same additions in the same order.
struct MeanSquareAccumulator {
    private var lanes: [Double]

    init(channelCount: Int) {
        lanes = [Double](repeating: 0, count: 4 * channelCount)
    }

    /// Adds frames `firstFrame ..< firstFrame + frames` of every channel (channel `c` at
    /// `block + c·channelStride`).
    mutating func add(_ block: UnsafePointer<Float>, frames: Int, channelStride: Int, firstFrame: Int) {
        let channels = lanes.count / 4
        lanes.withUnsafeMutableBufferPointer { lane in
            for c in 0..<channels {
                let p = block + c * channelStride
                var a = (lane[4 * c], lane[4 * c + 1], lane[4 * c + 2], lane[4 * c + 3])
                var i = 0
                // Up to the next frame index divisible by 4, one lane at a time.
                while i < frames && (firstFrame + i) & 3 != 0 {
                    let v = Double(p[i])
                    switch (firstFrame + i) & 3 {
                    case 1: a.1 += v * v
                    case 2: a.2 += v * v
                    default: a.3 += v * v
                    }
                    i += 1
                }
                while i + 4 <= frames {
                    let v0 = Double(p[i]), v1 = Double(p[i + 1]), v2 = Double(p[i + 2]), v3 = Double(p[i + 3])
                    a.0 += v0 * v0; a.1 += v1 * v1; a.2 += v2 * v2; a.3 += v3 * v3
                    i += 4
                }
                while i < frames {
                    let v = Double(p[i])
                    switch (firstFrame + i) & 3 {
                    case 0: a.0 += v * v
                    case 1: a.1 += v * v
                    default: a.2 += v * v
                    }
                    i += 1
                }
                (lane[4 * c], lane[4 * c + 1], lane[4 * c + 2], lane[4 * c + 3]) = a
            }
        }
    }

    /// Σx² / (channels · frameCount): channel sums in channel order, each as (l0 + l1) + (l2 + l3).
    func meanSquare(frameCount: Int) -> Double {
        let channels = lanes.count / 4
        var sum = 0.0
        for c in 0..<channels {
            sum += (lanes[4 * c] + lanes[4 * c + 1]) + (lanes[4 * c + 2] + lanes[4 * c + 3])
        }
        let count = channels * frameCount
        return count > 0 ? sum / Double(count) : 0
    }
}
