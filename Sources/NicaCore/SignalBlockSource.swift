/// A recording delivered front to back in blocks of frames, so that a consumer (feature
/// extraction, statistics) never needs the whole recording in memory.
///
/// Blocks are channel-major, like `Signal`: a block of `n` frames read with capacity `C`
/// holds channel `c` at `block[c·C ..< c·C + n]`.
///
/// `layout.frameCount` is what the source declares before reading (an audio header, a parsed
/// table). A consumer that finds a different number of frames calls `restart()`: the source
/// then starts over from the first frame with a layout that is exact.
public protocol SignalBlockSource: AnyObject {
    /// Channels, frames, rate and names of the recording.
    var layout: SignalLayout { get }

    /// Reads the next frames, at most `capacity`, into `block` (channel `c` at
    /// `block + c·capacity`, `layout.channelCount · capacity` floats in all). Returns the
    /// number of frames read; 0 at the end.
    func readBlock(into block: UnsafeMutablePointer<Float>, capacity: Int) throws -> Int

    /// Starts over from the first frame after the frames delivered did not match
    /// `layout.frameCount`; afterwards `layout` is exact.
    func restart() throws

    /// All frames not yet read, as an interleaved `frames × channels` matrix (row `t` holds
    /// frame `t`, which is the per-sample feature matrix), if the source holds them that way
    /// in memory; the source is then at its end. `nil` when it does not: read blocks instead.
    /// Handing the storage over instead of copying it keeps one copy of the recording.
    func takeInterleaved() -> Matrix?
}

extension SignalBlockSource {
    public func takeInterleaved() -> Matrix? { nil }
}

/// A `Signal` in memory as a `SignalBlockSource`.
public final class SignalBlockReader: SignalBlockSource {
    /// The recording read.
    public let signal: Signal
    /// Frames delivered so far.
    public private(set) var position = 0

    /// A reader at the first frame of `signal`.
    public init(_ signal: Signal) { self.signal = signal }

    public var layout: SignalLayout { signal.layout }

    public func readBlock(into block: UnsafeMutablePointer<Float>, capacity: Int) throws -> Int {
        let n = min(capacity, signal.frameCount - position)
        guard n > 0 else { return 0 }
        signal.samples.withUnsafeBufferPointer { s in
            for c in 0..<signal.channelCount {
                (block + c * capacity).update(from: s.baseAddress! + c * signal.frameCount + position, count: n)
            }
        }
        position += n
        return n
    }

    public func restart() throws { position = 0 }
}
