import Foundation
import NicaCore
import Synthesis
import XCTest

final class SpectralFamilyTests: XCTestCase {
    func testShapesAndTruth() throws {
        let r = try SpectralSpec(k: 4, m: 2, sampleRate: 1000, duration: 1.5, snrDB: 20, seed: 5).generate()
        XCTAssertEqual(r.signal.channelCount, 2)
        XCTAssertEqual(r.signal.frameCount, 1500)
        XCTAssertEqual(r.signal.sampleRate, 1000)
        XCTAssertEqual(r.sources.rows, 1500)
        XCTAssertEqual(r.sources.cols, 4)
        XCTAssertEqual(r.envelopes?.rows, 1500)
        XCTAssertEqual(r.envelopes?.cols, 4)

        let t = r.truth
        XCTAssertEqual(t.family, .spectral)
        XCTAssertEqual([t.k, t.m, t.frames, t.layers], [4, 2, 1500, 1])
        XCTAssertEqual(t.snrDB, 20)
        XCTAssertEqual(t.spectralMixing, .linear)
        XCTAssertNil(t.drive)
        XCTAssertEqual(t.envelopeSigma, 0.8)
        XCTAssertEqual(t.envelopeTimeConstants?.count, 4)
        XCTAssertTrue(t.envelopeTimeConstants!.allSatisfy { (0.5...2).contains($0) })
        XCTAssertEqual(t.sourceKinds?.filter { $0 == .oscillation }.count, 2)
        XCTAssertEqual(t.mixing.count, 1)
        XCTAssertEqual(t.mixing[0].rows, 2)
        XCTAssertEqual(t.mixing[0].cols, 4)
        XCTAssertTrue(t.mixing[0].entries.allSatisfy { $0 >= 0.3 && $0 < 1 })
        XCTAssertNil(t.segmentLength)
    }

    /// Centres ascend inside the requested range, and neighbours stay ≥ 3 bandwidths apart
    /// even when many bands share the range (the bandwidth narrows instead).
    func testBandsAreSeparated() throws {
        for k in [1, 3, 8, 16] {
            let t = try SpectralSpec(k: k, m: 1, sampleRate: 8000, duration: 0.05, seed: UInt64(k)).generate().truth
            let centres = t.bandCentresHz!, widths = t.bandwidthsHz!
            XCTAssertEqual(centres.count, k)
            XCTAssertTrue(centres.allSatisfy { $0 >= 0.05 * 8000 && $0 <= 0.4 * 8000 }, "\(centres)")
            for (centre, width) in zip(centres, widths) { XCTAssertLessThanOrEqual(width, 0.1 * centre + 1e-9) }
            for j in 1..<max(k, 1) where k > 1 {
                XCTAssertGreaterThanOrEqual(centres[j] - centres[j - 1], 3 * widths[j] - 1e-9, "k = \(k), band \(j)")
            }
        }
    }

    /// Each source's power lies in its own band (naive DFT over one second).
    func testSourcePowerConcentratesInItsBand() throws {
        let r = try SpectralSpec(k: 4, m: 1, sampleRate: 1000, duration: 1, snrDB: nil, seed: 8).generate()
        let centres = r.truth.bandCentresHz!, widths = r.truth.bandwidthsHz!
        XCTAssertEqual(Set(r.truth.sourceKinds!), [.oscillation, .narrowBandNoise])
        for j in 0..<4 {
            let band = (centres[j] - 1.5 * widths[j])...(centres[j] + 1.5 * widths[j])
            let fraction = Stats.bandPowerFraction(Stats.column(r.sources, j), count: 1000, sampleRate: 1000, band: band)
            XCTAssertGreaterThan(fraction, 0.8, "source \(j) (\(r.truth.sourceKinds![j])) at \(centres[j]) Hz")
        }
    }

    /// Log-envelopes have standard deviation σ and vary slowly; the carriers under them have
    /// unit variance.
    func testEnvelopeStatistics() throws {
        let spec = SpectralSpec(k: 3, m: 1, sampleRate: 1000, duration: 2, envelopeSigma: 0.8, seed: 13)
        let r = try spec.generate()
        let envelopes = try XCTUnwrap(r.envelopes)
        for j in 0..<3 {
            let e = Stats.column(envelopes, j)
            XCTAssertTrue(e.allSatisfy { $0 > 0 })
            let logE = e.map { log($0) }
            XCTAssertEqual(Stats.variance(logE).squareRoot(), 0.8, accuracy: 0.01)
            XCTAssertGreaterThan(Stats.lag1Autocorrelation(logE), 0.99)
            let carrier = zip(Stats.column(r.sources, j), e).map { $0 / $1 }
            XCTAssertEqual(Stats.variance(carrier), 1, accuracy: 0.01)
        }
        // The envelopes are independent draws, not one shared modulation.
        let a = Stats.column(envelopes, 0), b = Stats.column(envelopes, 1)
        XCTAssertNotEqual(a, b)
    }

    func testSingleChannelAndPeakLevel() throws {
        for mixing in SpectralMixing.allCases {
            let r = try SpectralSpec(k: 3, m: 1, sampleRate: 1000, duration: 1, snrDB: 20, mixing: mixing).generate()
            XCTAssertEqual(r.signal.channelCount, 1)
            XCTAssertEqual(r.truth.m, 1)
            let peak = r.signal.samples.map { abs($0) }.max()!
            XCTAssertLessThanOrEqual(peak, 0.9)
            XCTAssertEqual(Double(peak), 0.9, accuracy: 1e-5)
        }
    }

    /// Soft clipping compresses the peaks: the crest factor (peak / RMS) drops.
    func testSaturatingMixingCompressesPeaks() throws {
        func crest(_ mixing: SpectralMixing) throws -> Double {
            let r = try SpectralSpec(k: 3, m: 2, sampleRate: 1000, duration: 2, snrDB: nil, mixing: mixing, seed: 4).generate()
            let x = Stats.channel(r.signal, 0)
            return x.map { abs($0) }.max()! / Stats.meanSquare(x).squareRoot()
        }
        let linear = try crest(.linear), saturating = try crest(.saturating)
        XCTAssertLessThan(saturating, 0.85 * linear, "crest factors: linear \(linear), saturating \(saturating)")
    }

    func testExplicitSourceKinds() throws {
        let kinds: [SpectralSourceKind] = [.narrowBandNoise, .narrowBandNoise, .oscillation]
        let r = try SpectralSpec(k: 3, m: 2, sampleRate: 1000, duration: 0.2, sourceKinds: kinds).generate()
        XCTAssertEqual(r.truth.sourceKinds, kinds)
    }
}
