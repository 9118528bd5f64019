import FuzzSupport
import NicaCore
import SignalIO

private let file = MemoryFile()

/// Any byte string given to the audio reader (libsndfile, with nica's WAV length repair) is
/// either a finite, non-empty signal or a `NicaError`: no trap, no other error.
private func fuzzAudio(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    file.store(data, size)
    do {
        let signal = try AudioFile.read(path: file.path)
        precondition(signal.frameCount > 0 && signal.channelCount > 0, "empty signal accepted")
        precondition(signal.sampleRate.isFinite && signal.sampleRate > 0, "bad sample rate accepted")
    } catch is NicaError {
    } catch {
        fatalError("unexpected error: \(error)")
    }
    return 0
}

@_cdecl("FuzzAudio_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzAudio(data, size) }
}
