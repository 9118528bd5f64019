import Features
import NicaCore

/// Turns a recording into its (unstandardised) feature matrix, holding at most one copy of
/// the samples or features at a time.
enum FeatureStage {
    /// Frames per block read from a streaming source: about a libsndfile chunk, so blocks
    /// stay in cache between the reader and the extractor.
    static let blockFrames = 16_384

    /// The feature matrix of `source` under `config`; afterwards `source.layout` is exact.
    ///
    /// * A `Signal` in memory is extracted whole (its log floor is known before the first
    ///   transform).
    /// * In per-sample mode (raw, W = 1) a source that holds its frames interleaved hands
    ///   them over: that table is the feature matrix (with H > 1, its rows 0, H, 2H, …
    ///   moved to the front in place).
    /// * Otherwise blocks are read into a `FeatureAccumulator`. When the source delivers
    ///   another number of frames than it declared, it is restarted with the exact count.
    static func extract(from source: SignalBlockSource, config: FeatureConfig) throws -> Matrix {
        if let reader = source as? SignalBlockReader, reader.position == 0 {
            return try FeatureExtractor.extract(signal: reader.signal, config: config)
        }
        if config.kind == .raw && config.window == 1, var table = source.takeInterleaved() {
            try config.validate(frameCount: table.rows)
            if config.hop > 1 { keepEveryHopRow(&table, hop: config.hop) }
            return table
        }
        // A source corrects its count on the first restart and throws if it changes again;
        // the bound only guards against one that does neither.
        for _ in 0..<3 {
            let layout = source.layout
            let accumulator = try FeatureAccumulator(config: config, channelCount: layout.channelCount,
                                                     frameCount: layout.frameCount)
            let capacity = blockFrames
            let block = UnsafeMutablePointer<Float>.allocate(capacity: max(layout.channelCount, 1) * capacity)
            defer { block.deallocate() }
            var fits = true
            while true {
                let n = try source.readBlock(into: block, capacity: capacity)
                if n == 0 { break }
                guard accumulator.framesAppended + n <= layout.frameCount else { fits = false; break }
                accumulator.append(block, frames: n, channelStride: capacity)
            }
            if fits && accumulator.framesAppended == layout.frameCount { return accumulator.finish() }
            try source.restart()
        }
        throw NicaError.invalidArgument(argument: "input", message: "the recording's length kept changing while it was read")
    }

    /// Rows 0, H, 2H, … of `table` (the windows of per-sample mode with hop H), moved to the
    /// front; the rest is dropped.
    static func keepEveryHopRow(_ table: inout Matrix, hop: Int) {
        let m = table.cols
        let rows = Framing(frameCount: table.rows, window: 1, hop: hop).windowCount
        table.data.withUnsafeMutableBufferPointer { d in
            // Row i moves to a lower address (i·H ≥ i), so a forward pass never overwrites a
            // row it still has to move.
            for i in 1..<max(rows, 1) {
                for c in 0..<m { d[i * m + c] = d[i * hop * m + c] }
            }
        }
        table.data.removeLast(table.data.count - rows * m)
        table.rows = rows
    }
}
