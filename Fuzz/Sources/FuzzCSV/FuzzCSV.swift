import FuzzSupport
import NicaCore
import SignalIO

private let file = MemoryFile()

/// Any byte string is either a finite, non-empty signal or a `NicaError`: no trap, no other
/// error. When the first byte has its top bit set, a chunk size of 1–16 bytes puts chunk
/// boundaries inside fields, quotes and line ends; otherwise 8 KiB, more than `-max_len`, so
/// the whole input is one chunk without the reader's 1 MiB default allocation per input.
private func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    file.store(data, size)
    let chunkSize = size > 0 && data[0] >= 128 ? Int(data[0] % 16) + 1 : 8192
    do {
        let signal = try CSVReader.readWithInfo(path: file.path, chunkSize: chunkSize).signal
        precondition(signal.frameCount > 0 && signal.channelCount > 0, "empty signal accepted")
        precondition(signal.samples.allSatisfy { $0.isFinite }, "non-finite sample accepted")
        precondition(signal.sampleRate.isFinite && signal.sampleRate > 0, "bad sample rate accepted")
    } catch is NicaError {
    } catch {
        fatalError("unexpected error: \(error)")
    }
    return 0
}

@_cdecl("FuzzCSV_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzCSV(data, size) }
}
