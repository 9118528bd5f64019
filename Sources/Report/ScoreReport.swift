import Analysis
import Foundation
import NicaCore

/// `nica score`: how well latent traces recover known sources, as the mean correlation
/// coefficient (MCC: absolute Pearson correlation, Hungarian matching; with more latents
/// than sources each source gets its best distinct latent — see `MeanCorrelation`).
public struct ScoreReport: Codable, Equatable, Sendable {
    /// One source and the latent matched to it.
    public struct Match: Codable, Equatable, Sendable {
        public var source: String
        public var latent: String
        /// |corr(source, latent)|.
        public var correlation: Double
    }

    public var mcc: Double
    public var matching: [Match]
    public var observations: Int

    /// Scores the `z…` columns of a `latents.csv` (all columns when none is named `z…`)
    /// against every column but `index` of a sources table (the time column is never a
    /// channel); both are time-aligned, row by row.
    ///
    /// - Throws: `NicaError.badData` when the lengths differ or there are fewer latents than sources.
    public init(latents: Signal, latentsPath: String, sources: Signal, sourcesPath: String) throws {
        guard latents.frameCount == sources.frameCount else {
            throw NicaError.badData(path: sourcesPath, line: 0, column: 0,
                message: "\(sources.frameCount) rows, but \(latentsPath) has \(latents.frameCount); the traces must be time-aligned and of equal length")
        }
        let latentColumns = Self.columns(latents, prefix: "z")
        let sourceColumns = sources.channelNames.indices.filter { sources.channelNames[$0] != "index" }
        guard !sourceColumns.isEmpty, latentColumns.count >= sourceColumns.count else {
            throw NicaError.badData(path: latentsPath, line: 1, column: 0,
                message: "\(latentColumns.count) latent columns for \(sourceColumns.count) sources; need at least as many latents as sources")
        }
        let score = MeanCorrelation(sources: Self.matrix(sources, sourceColumns),
                                    latents: Self.matrix(latents, latentColumns))
        mcc = score.mcc
        matching = sourceColumns.indices.map { j in
            Match(source: sources.channelNames[sourceColumns[j]],
                  latent: latents.channelNames[latentColumns[score.matching[j]]],
                  correlation: score.correlations[j])
        }
        observations = latents.frameCount
    }

    /// A line with the MCC, then one line per source.
    public var text: String {
        var out = [String(format: "MCC %.4f  (%d sources, %d observations)", mcc, matching.count, observations)]
        for m in matching { out.append(String(format: "  %@ ↔ %@  |r| = %.4f", m.source, m.latent, m.correlation)) }
        return out.joined(separator: "\n") + "\n"
    }

    private static func columns(_ s: Signal, prefix: String) -> [Int] {
        let named = s.channelNames.indices.filter { s.channelNames[$0].hasPrefix(prefix) }
        return named.isEmpty ? Array(0..<s.channelCount) : named
    }

    private static func matrix(_ s: Signal, _ columns: [Int]) -> Matrix {
        var m = Matrix(rows: s.frameCount, cols: columns.count)
        for (j, c) in columns.enumerated() {
            for (t, v) in s.channel(c).enumerated() { m[t, j] = v }
        }
        return m
    }
}
