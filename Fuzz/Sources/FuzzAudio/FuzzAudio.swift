import FuzzSupport
import NicaCore
import SignalIO

private let file = MemoryFile()

/// Any byte string given to the audio reader (libsndfile, with nica's WAV length repair) is
/// either a finite, non-empty signal or a `NicaError`: no trap, no other error. Opened for
/// streaming instead, it gives the same frames block by block.
private func fuzzAudio(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    file.store(data, size)
    do {
        let signal = try AudioFile.read(path: file.path)
        precondition(signal.frameCount > 0 && signal.channelCount > 0, "empty signal accepted")
        precondition(signal.sampleRate.isFinite && signal.sampleRate > 0, "bad sample rate accepted")
        let streamed = try streamedSamples(path: file.path)
        precondition(streamed.map(\.bitPattern) == signal.samples.map(\.bitPattern), "streamed frames differ from the whole read")
    } catch is NicaError {
    } catch {
        fatalError("unexpected error: \(error)")
    }
    return 0
}

/// The recording read through `SignalReader.open` in blocks of 1000 frames, channel-major,
/// restarted (as the pipeline does) when it delivers another number of frames than declared.
private func streamedSamples(path: String) throws -> [Float] {
    let source = try SignalReader.open(path: path)
    let capacity = 1000
    for _ in 0..<3 {
        let m = source.layout.channelCount
        var channels = [[Float]](repeating: [], count: m)
        var block = [Float](repeating: 0, count: m * capacity)
        while true {
            let n = try block.withUnsafeMutableBufferPointer { try source.readBlock(into: $0.baseAddress!, capacity: capacity) }
            if n == 0 { break }
            for c in 0..<m { channels[c] += block[(c * capacity)..<(c * capacity + n)] }
        }
        if channels.first?.count == source.layout.frameCount { return channels.flatMap { $0 } }
        try source.restart()
    }
    fatalError("the frame count kept changing")
}

@_cdecl("FuzzAudio_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzAudio(data, size) }
}
