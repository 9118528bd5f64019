import Foundation
import XCTest
import Features
import NicaCore
import TestSupport

final class SpectralFeatureTests: XCTestCase {
    /// FFTW (Float32, batched) against a Float64 textbook DFT on random windows.
    /// Tolerance on power: 1e-4 relative per bin, plus 1e-6 of the window's mean bin power
    /// (Float32 FFT round-off is relative to the whole spectrum, not to each bin).
    /// Log-power: 1e-4 absolute (≈ 1e-4 relative on power).
    func testMatchesNaiveDFT() throws {
        for (w, channels) in [(8, 2), (64, 3), (256, 2)] {
            let hop = w / 2 + 1
            let frames = w + 6 * hop + 3            // 7 windows plus a dropped tail
            let signal = randomSignal(channels: channels, frames: frames, seed: UInt64(w))
            let magnitude = try FeatureExtractor.extract(signal: signal,
                config: FeatureConfig(window: w, hop: hop, kind: .magnitude))
            let logpower = try FeatureExtractor.extract(signal: signal,
                config: FeatureConfig(window: w, hop: hop, kind: .logpower))
            let bins = w / 2 + 1
            XCTAssertEqual(magnitude.rows, 7)
            XCTAssertEqual(magnitude.cols, channels * bins)
            XCTAssertEqual(logpower.cols, channels * bins)
            let eps = Double(FeatureExtractor.logPowerFloor(signal: signal, window: w))
            for i in 0..<magnitude.rows {
                for c in 0..<channels {
                    let ref = naivePowerSpectrum(signal.channel(c), start: i * hop, window: w)
                    let level = ref.reduce(0, +) / Double(bins)
                    for k in 0..<bins {
                        let mag = Double(magnitude[i, c * bins + k])
                        let power = mag * mag
                        XCTAssertLessThanOrEqual(abs(power - ref[k]), 1e-4 * ref[k] + 1e-6 * level,
                            "W=\(w) window \(i) channel \(c) bin \(k): \(power) vs \(ref[k])")
                        let lp = Double(logpower[i, c * bins + k])
                        XCTAssertEqual(lp, log(ref[k] + eps), accuracy: 1e-4 + 1e-6 * level / (ref[k] + eps),
                            "W=\(w) window \(i) channel \(c) bin \(k) logpower")
                    }
                }
            }
        }
    }

    /// A cosine on bin k with amplitude A: periodic Hann gives A·W/4 at k, A·W/8 at k ± 1,
    /// ≈ 0 elsewhere — wherever the window starts (any phase; 2 ≤ k ≤ W/2 − 2 so the
    /// negative-frequency image stays out of the bins shown). At Nyquist (k = W/2, phase 0):
    /// A·W/2, and A·W/4 at W/2 − 1.
    func testCosineKnownValues() throws {
        let w = 64, a: Float = 0.7
        for k in [5, 2, 30, 32] {
            let frames = 300
            let phase = k == w / 2 ? 0 : 0.3
            let x = (0..<frames).map { t in a * Float(cos(2 * Double.pi * Double(k * t) / Double(w) + phase)) }
            let signal = Signal(samples: x, channelCount: 1, frameCount: frames, sampleRate: 64)
            let m = try FeatureExtractor.extract(signal: signal, config: FeatureConfig(window: w, hop: 7, kind: .magnitude))
            XCTAssertEqual(m.cols, w / 2 + 1)
            let scale = a * Float(w)
            for i in 0..<m.rows {
                for bin in 0...(w / 2) {
                    let expected: Float
                    if k == w / 2 {
                        expected = bin == k ? scale / 2 : (bin == k - 1 ? scale / 4 : 0)
                    } else {
                        expected = bin == k ? scale / 4 : (abs(bin - k) == 1 ? scale / 8 : 0)
                    }
                    XCTAssertEqual(m[i, bin], expected, accuracy: 2e-5 * scale, "k=\(k) window \(i) bin \(bin)")
                }
            }
        }
    }

    /// A constant c: all its energy is at DC — the Hann taper's own spectrum puts c·W/2 in
    /// bin 0 and its main-lobe half c·W/4 in bin 1; every other bin is ≈ 0.
    func testConstantSignalOnlyDC() throws {
        let w = 32, c: Float = -1.5, frames = 100
        let signal = Signal(samples: [Float](repeating: c, count: 2 * frames), channelCount: 2,
                            frameCount: frames, sampleRate: 8)
        let m = try FeatureExtractor.extract(signal: signal, config: FeatureConfig(window: w, hop: 16, kind: .magnitude))
        let bins = w / 2 + 1
        for i in 0..<m.rows {
            for ch in 0..<2 {
                XCTAssertEqual(m[i, ch * bins], abs(c) * Float(w) / 2, accuracy: 1e-4)
                XCTAssertEqual(m[i, ch * bins + 1], abs(c) * Float(w) / 4, accuracy: 1e-4)
                for k in 2..<bins { XCTAssertEqual(m[i, ch * bins + k], 0, accuracy: 1e-4, "bin \(k)") }
            }
        }
    }

    /// Pooling P bins equals the manual average of the power bins; the last group may be smaller.
    func testPoolingAveragesPower() throws {
        let signal = randomSignal(channels: 3, frames: 500, seed: 7)
        for (w, pool) in [(64, 4), (64, 5), (8, 3), (8, 5), (256, 16)] {
            let bins = w / 2 + 1, groups = (bins + pool - 1) / pool
            let single = try FeatureExtractor.extract(signal: signal, config: FeatureConfig(window: w, hop: 37, kind: .magnitude))
            let pooledMag = try FeatureExtractor.extract(signal: signal,
                config: FeatureConfig(window: w, hop: 37, kind: .magnitude, poolBins: pool))
            let pooledLog = try FeatureExtractor.extract(signal: signal,
                config: FeatureConfig(window: w, hop: 37, kind: .logpower, poolBins: pool))
            XCTAssertEqual(pooledMag.cols, 3 * groups, "W=\(w) P=\(pool)")
            XCTAssertEqual(pooledLog.cols, 3 * groups)
            XCTAssertEqual(pooledMag.rows, single.rows)
            let eps = Double(FeatureExtractor.logPowerFloor(signal: signal, window: w))
            for i in 0..<single.rows {
                for c in 0..<3 {
                    for g in 0..<groups {
                        let k0 = g * pool, k1 = min(k0 + pool, bins)
                        var mean = 0.0
                        for k in k0..<k1 { let v = Double(single[i, c * bins + k]); mean += v * v }
                        mean /= Double(k1 - k0)
                        XCTAssertEqual(Double(pooledMag[i, c * groups + g]), mean.squareRoot(),
                                       accuracy: 1e-5 * mean.squareRoot() + 1e-6)
                        XCTAssertEqual(Double(pooledLog[i, c * groups + g]), log(mean + eps), accuracy: 1e-4)
                    }
                }
            }
        }
    }

    /// Extracting twice with the same shape reuses the pooled plan and gives bit-identical output.
    func testPlanReuseIsBitIdentical() throws {
        let signal = randomSignal(channels: 2, frames: 5000, seed: 11)
        let config = FeatureConfig(window: 128, hop: 32, kind: .logpower, poolBins: 2)
        let first = try FeatureExtractor.extract(signal: signal, config: config)
        let plansAfterFirst = SpectrumPlan.plansCreated
        let second = try FeatureExtractor.extract(signal: signal, config: config)
        XCTAssertEqual(SpectrumPlan.plansCreated, plansAfterFirst, "the second extraction planned again")
        XCTAssertEqual(first.data.map(\.bitPattern), second.data.map(\.bitPattern))
        // 153 windows × 2 channels: more transforms than one batch of 256, so two executes
        // of the same plan, the second one partial.
        XCTAssertEqual(first.rows, 153)
        XCTAssertGreaterThan(first.rows * 2, 256)
    }

    /// Concurrent extractions (plan creation under the FFTW lock, pooled plans used by one
    /// thread at a time) agree with serial ones.
    func testConcurrentExtractionMatchesSerial() throws {
        let signal = randomSignal(channels: 2, frames: 2000, seed: 13)
        let configs = [FeatureConfig(window: 48, hop: 20, kind: .logpower),
                       FeatureConfig(window: 96, hop: 31, kind: .magnitude, poolBins: 3),
                       FeatureConfig(window: 48, hop: 20, kind: .logpower),
                       FeatureConfig(window: 200, hop: 50, kind: .logpower)]
        let serial = try configs.map { try FeatureExtractor.extract(signal: signal, config: $0) }
        let results = UnsafeMutableBufferPointer<Matrix?>.allocate(capacity: configs.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: configs.count) { j in
            results[j] = try? FeatureExtractor.extract(signal: signal, config: configs[j])
        }
        for j in configs.indices { XCTAssertEqual(results[j], serial[j], "config \(j)") }
    }

    /// Digital silence gives finite log-power (the absolute floor), and zero magnitude.
    func testSilenceIsFinite() throws {
        let signal = Signal(samples: [Float](repeating: 0, count: 3 * 1024), channelCount: 3,
                            frameCount: 1024, sampleRate: 100)
        let lp = try FeatureExtractor.extract(signal: signal, config: FeatureConfig(window: 256, hop: 64, kind: .logpower))
        XCTAssertEqual(lp.rows, 13)
        XCTAssertTrue(lp.data.allSatisfy { $0.isFinite })
        XCTAssertEqual(Double(lp.data[0]), log(FeatureExtractor.absoluteLogFloor), accuracy: 1e-4)
        let mag = try FeatureExtractor.extract(signal: signal, config: FeatureConfig(window: 256, hop: 64, kind: .magnitude, poolBins: 4))
        XCTAssertTrue(mag.data.allSatisfy { $0 == 0 })
    }

    /// ε is 1e-10 × mean(x²) × Σw² (Σw² = 3W/8 for the periodic Hann): scaling the signal
    /// by g shifts log-power by 2 log g exactly up to round-off, even in near-empty bins.
    func testLogFloorIsScaleRelative() throws {
        let signal = randomSignal(channels: 2, frames: 4096, seed: 3)
        let meanSquare = signal.samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(signal.samples.count)
        XCTAssertEqual(Double(FeatureExtractor.logPowerFloor(signal: signal, window: 64)),
                       1e-10 * meanSquare * 3 * 64 / 8, accuracy: 1e-6 * 1e-10 * meanSquare * 24)
        var quiet = signal
        for i in quiet.samples.indices { quiet.samples[i] *= 1e-5 }
        let config = FeatureConfig(window: 64, hop: 64, kind: .logpower)
        let loud = try FeatureExtractor.extract(signal: signal, config: config)
        let soft = try FeatureExtractor.extract(signal: quiet, config: config)
        let shift = 2 * log(1e-5)
        for i in loud.data.indices {
            XCTAssertEqual(Double(soft.data[i]) - Double(loud.data[i]), shift, accuracy: 1e-3)
        }
    }
}
