import Foundation
import NicaCore
import Pipeline
import SignalIO

/// Writes an analysis to a directory: `report.json`, `latents.csv` (`index,time,z0,…`, one
/// row per observation, posterior means of every latent), `latents.wav` and `latents.npy`
/// (the exported dimensions, see `LatentExports.exportedDimensions`, at the observation
/// rate), the plots `kl.svg`, `latents.svg`, `training.svg`, the page `report.html`, and
/// `timings.json` (wall-clock seconds per stage, kept out of `report.json` so that file
/// depends only on the input, seed and thread count). All files are written into a hidden
/// staging folder in the directory and moved into place only when every one of them is
/// complete, so a failed export leaves no file of it and none half-written.
public enum ResultExporter {
    /// What to add to the exports beyond the analysis itself.
    public struct Options: Sendable {
        /// The input's envelopes, drawn above the latent traces in `latents.svg`.
        public var overview: SignalOverview?
        /// Write every latent dimension to `latents.wav`/`latents.npy`, not only the active ones.
        public var includeInactive: Bool

        public init(overview: SignalOverview? = nil, includeInactive: Bool = false) {
            self.overview = overview
            self.includeInactive = includeInactive
        }
    }

    public static func write(result: AnalysisResult, document: ReportDocument, to directory: String,
                             options: Options = Options()) throws {
        try createDirectory(directory)
        // Every file is first written to a hidden staging folder inside `directory` and only
        // moved in when all of them were written, so a failed export leaves none of them.
        let staging = try makeStagingDirectory(in: directory)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let names: [String]
        do {
            names = try writeAll(result: result, document: document, to: staging, options: options)
        } catch let NicaError.io(failedPath, message) {
            throw NicaError.io(path: path(directory, URL(fileURLWithPath: failedPath).lastPathComponent), message: message)
        }
        for name in names {
            guard rename(path(staging, name), path(directory, name)) == 0 else {
                throw NicaError.io(path: path(directory, name), message: "cannot move the finished file into place: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Writes every export into `directory`; returns the file names.
    private static func writeAll(result: AnalysisResult, document: ReportDocument, to directory: String,
                                 options: Options) throws -> [String] {
        var reproducible = document
        reproducible.timingsSeconds = nil
        let json = try JSONRendering.render(reproducible) + "\n"
        try AtomicFile.write(Array(json.utf8), to: path(directory, "report.json"))
        let timings = try JSONRendering.render(document.timingsSeconds ?? [:]) + "\n"
        try AtomicFile.write(Array(timings.utf8), to: path(directory, "timings.json"))

        // The tables are written row by row from the posterior means (times computed per row),
        // without column copies: on a long recording each copy is as large as the means.
        let means = result.latentMeans, k = means.cols
        try means.data.withUnsafeBufferPointer { values in
            try CSVWriter.write(header: LatentExports.csvHeader(latentCount: k), rows: result.observationCount,
                                to: path(directory, "latents.csv")) { r, row in
                try row.append(r)
                try row.append(result.times[r])
                for d in 0..<k { try row.append(values[r * k + d]) }
            }
        }
        let dimensions = LatentExports.exportedDimensions(result, includeInactive: options.includeInactive)
        try AudioFile.write(columns: dimensions, of: means, sampleRate: result.observationRate,
                            channelNames: dimensions.map { "z\($0)" }, to: path(directory, "latents.wav"), encoding: .float32)
        try writeNpy(columns: dimensions, of: means, to: path(directory, "latents.npy"))

        let plots = HTMLReport.Plots(
            kl: KLPlot.render(document),
            latents: LatentPlot.render(result: result, dimensions: result.count.activeDimensions, overview: options.overview),
            training: TrainingPlot.render(history: result.training.history))
        try AtomicFile.write(Array(plots.kl.utf8), to: path(directory, "kl.svg"))
        try AtomicFile.write(Array(plots.latents.utf8), to: path(directory, "latents.svg"))
        try AtomicFile.write(Array(plots.training.utf8), to: path(directory, "training.svg"))
        try AtomicFile.write(Array(HTMLReport.render(document, plots: plots).utf8), to: path(directory, "report.html"))
        return ["report.json", "timings.json", "latents.csv", "latents.wav", "latents.npy",
                "kl.svg", "latents.svg", "training.svg", "report.html"]
    }

    /// `latents.npy`: the given columns of `matrix`, shape (rows, columns), streamed.
    private static func writeNpy(columns: [Int], of matrix: Matrix, to file: String) throws {
        try AtomicFile.stream(to: file) { out in
            try NpyFormat.header(shape: [matrix.rows, columns.count]).withUnsafeBufferPointer { try out.append($0) }
            try matrix.data.withUnsafeBufferPointer { values in
                var bits = [UInt32](repeating: 0, count: columns.count)
                for r in 0..<matrix.rows {
                    for (j, c) in columns.enumerated() { bits[j] = values[r * matrix.cols + c].bitPattern.littleEndian }
                    try bits.withUnsafeBytes { try out.append($0.bindMemory(to: UInt8.self)) }
                }
            }
        }
    }

    /// A new hidden folder `DIR/.nica-export-XXXXXX` (same file system, so renames are atomic).
    private static func makeStagingDirectory(in directory: String) throws -> String {
        var template = Array(path(directory, ".nica-export-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw NicaError.io(path: directory, message: "cannot create a staging folder: \(String(cString: strerror(errno)))")
        }
        return String(cString: created)
    }

    static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Creates `directory` and its parents; an existing directory is fine, a file in the way is not.
    static func createDirectory(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw NicaError.io(path: directory, message: "exists and is not a directory (--out needs a directory)")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw NicaError.io(path: directory, message: "cannot create the output directory")
        }
    }
}
