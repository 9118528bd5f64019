import NicaCore

/// An input recording opened for analysis (`SignalReader.open`, `StandardInput.open`): what
/// it is (`layout`, `info`) right away, its frames block by block as a `SignalBlockSource`.
///
/// An audio file whose header gives its length is streamed from the file, so only the block
/// being read is in memory. A CSV table is parsed whole, as laid out (one row per frame), and
/// can be handed over as the per-sample feature matrix (`takeInterleaved`). Anything else
/// (audio of unknown length, standard input) is read whole into a `Signal` first.
public final class RecordingSource: SignalBlockSource {
    /// How the input was read: container, rate source, channels, frames.
    public private(set) var info: SignalSourceInfo
    public private(set) var layout: SignalLayout

    private enum Storage {
        case stream(AudioBlockReader, channels: [Int]?)
        case signal(SignalBlockReader)
        case table(Matrix, position: Int)
        case handedOver
    }
    private var storage: Storage
    private var restarted = false

    /// An audio file read front to back from `reader`, keeping `channels` (nil: all);
    /// `layout.frameCount` is the header's count.
    init(streaming reader: AudioBlockReader, channels: [Int]?, layout: SignalLayout, info: SignalSourceInfo) {
        storage = .stream(reader, channels: channels)
        self.layout = layout
        self.info = info
    }

    /// A recording already in memory.
    init(signal: Signal, info: SignalSourceInfo) {
        storage = .signal(SignalBlockReader(signal))
        layout = signal.layout
        self.info = info
    }

    /// A parsed table, one row per frame.
    init(table: Matrix, layout: SignalLayout, info: SignalSourceInfo) {
        storage = .table(table, position: 0)
        self.layout = layout
        self.info = info
    }

    /// Whether the frames come from the file as they are read rather than from memory.
    public var isStreaming: Bool {
        if case .stream = storage { return true }
        return false
    }

    public func readBlock(into block: UnsafeMutablePointer<Float>, capacity: Int) throws -> Int {
        switch storage {
        case let .stream(reader, channels):
            return try reader.read(frames: capacity, channels: channels, into: block, channelStride: capacity)
        case let .signal(reader):
            return try reader.readBlock(into: block, capacity: capacity)
        case let .table(frames, position):
            let n = min(capacity, frames.rows - position), m = frames.cols
            guard n > 0 else { return 0 }
            frames.data.withUnsafeBufferPointer { rows in
                let src = rows.baseAddress! + position * m
                for c in 0..<m {
                    let out = block + c * capacity
                    for t in 0..<n { out[t] = src[t * m + c] }
                }
            }
            storage = .table(frames, position: position + n)
            return n
        case .handedOver:
            return 0
        }
    }

    /// Starts over. A streamed file whose decoder delivered another number of frames than its
    /// header declared is counted through once more and then streamed again with the exact
    /// count; a second disagreement means the file is changing under the reader.
    /// - Throws: `NicaError.badData` (the file changed while it was read, no frames, a
    ///   decoding error) or what reopening the file throws.
    public func restart() throws {
        switch storage {
        case let .stream(reader, channels):
            guard !restarted else {
                throw NicaError.badData(path: reader.path, line: 0, column: 0,
                                        message: "the file changed while it was read")
            }
            restarted = true
            let counter = try AudioBlockReader(path: reader.path)
            var frames = 0, scratch: Float = 0
            while true {
                let n = try counter.read(frames: 1 << 20, channels: [], into: &scratch, channelStride: 1 << 20)
                if n == 0 { break }
                frames += n
            }
            guard frames > 0 else {
                throw NicaError.badData(path: reader.path, line: 0, column: 0, message: "no audio frames")
            }
            storage = .stream(try AudioBlockReader(path: reader.path), channels: channels)
            layout.frameCount = frames
            info.frameCount = frames
        case let .signal(reader):
            try reader.restart()
        case let .table(frames, _):
            storage = .table(frames, position: 0)
        case .handedOver:
            preconditionFailure("RecordingSource: restart after the frames were handed over")
        }
    }

    /// A CSV table not yet read from, handed over whole (see `SignalBlockSource`); nil for
    /// audio and once reading has begun.
    public func takeInterleaved() -> Matrix? {
        guard case let .table(frames, position) = storage, position == 0 else { return nil }
        storage = .handedOver
        return frames
    }
}

extension SignalReader {
    /// Opens the recording at `path` for analysis: as `read(path:csv:)` reads it (same
    /// options, same errors), but an audio file whose header states its length is streamed
    /// rather than read whole, and a CSV table is kept as laid out.
    public static func open(path: String, csv: CSVOptions = CSVOptions()) throws -> RecordingSource {
        if textExtensions.contains(FilePath.pathExtension(path)) {
            let table = try CSVReader.readTable(path: path, options: csv)
            return RecordingSource(table: table.frames, layout: table.layout, info: info(path: path, table: table))
        }
        try csv.validate()
        let reader = try AudioBlockReader(path: path)
        guard let frames = reader.declaredFrames else {
            let (signal, info) = try audio(reader.readSignal(), path: path, format: reader.format,
                                           encoding: reader.encoding, csv: csv)
            return RecordingSource(signal: signal, info: info)
        }
        let names = (0..<reader.channelCount).map { "ch\($0)" }
        let selection = try ChannelSelection.resolve(csv.channels, names: names)
        let rate = csv.sampleRate ?? reader.sampleRate
        let layout = SignalLayout(channelCount: selection.count, frameCount: frames, sampleRate: rate,
                                  channelNames: selection.map { names[$0] })
        let info = SignalSourceInfo(
            path: path, kind: .audio, format: reader.format, encoding: reader.encoding,
            rateSource: csv.sampleRate == nil ? .fileHeader : .option, sampleRate: rate,
            availableChannels: names, selectedChannels: layout.channelNames, frameCount: frames)
        return RecordingSource(streaming: reader, channels: selection == Array(names.indices) ? nil : selection,
                               layout: layout, info: info)
    }
}
