import Foundation
import NicaCore
import SignalIO
import Synthesis

/// Writes a generated recording: the signal (CSV or audio, by extension), and beside it
/// `<stem>.truth.json` (the generating parameters) and `<stem>.sources.csv` (the true sources,
/// or for the spectral family their envelopes as block means at about 100 Hz), each atomically.
public enum GeneratedRecordingWriter {
    public static func write(_ recording: GeneratedRecording, to path: String,
                             audioEncoding: AudioEncoding = .float32) throws {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.lowercased()
        let stem = url.deletingPathExtension().path
        try ResultExporter.createDirectory(url.deletingLastPathComponent().path)
        if SignalReader.textExtensions.contains(ext) {
            try CSVWriter.write(signal: recording.signal, to: path, includeTime: true)
        } else {
            try AudioFile.write(recording.signal, to: path, encoding: audioEncoding)
        }
        let truth = try JSONRendering.render(recording.truth) + "\n"
        try AtomicFile.write(Array(truth.utf8), to: stem + ".truth.json")
        let rate = recording.signal.sampleRate
        if let envelopes = recording.envelopes {
            // Envelopes vary over seconds: block means at about 100 Hz keep the file small.
            let block = max(1, Int(rate / 100))
            let blocks = envelopes.rows / block
            var means = Matrix(rows: blocks, cols: envelopes.cols)
            for b in 0..<blocks {
                for c in 0..<envelopes.cols {
                    var sum = 0.0
                    for t in (b * block)..<((b + 1) * block) { sum += Double(envelopes[t, c]) }
                    means[b, c] = Float(sum / Double(block))
                }
            }
            let times = (0..<blocks).map { (Double($0 * block) + Double(block - 1) / 2) / rate }
            try writeTraces(means, times: times, prefix: "envelope", to: stem + ".sources.csv")
        } else {
            let times = (0..<recording.sources.rows).map { Double($0) / rate }
            try writeTraces(recording.sources, times: times, prefix: "s", to: stem + ".sources.csv")
        }
    }

    private static func writeTraces(_ traces: Matrix, times: [Double], prefix: String, to path: String) throws {
        let names = (0..<traces.cols).map { "\(prefix)\($0)" }
        try CSVWriter.write(columns: [CSVColumn(name: "time", doubles: times)] + CSVColumn.columns(of: traces, names: names),
                            to: path)
    }
}
