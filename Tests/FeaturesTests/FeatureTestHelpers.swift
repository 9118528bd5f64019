import Foundation
import NicaCore

/// A `channels × frames` signal of standard normal noise.
func randomSignal(channels: Int, frames: Int, seed: UInt64, rate: Double = 1000) -> Signal {
    var rng = SeededRNG(seed: seed)
    let samples = (0..<(channels * frames)).map { _ in rng.normal() }
    return Signal(samples: samples, channelCount: channels, frameCount: frames, sampleRate: rate)
}

/// The power spectrum |X_k|², k = 0 … W/2, of the periodic-Hann-tapered window
/// `x[start ..< start + W]`, by the textbook DFT in Float64.
func naivePowerSpectrum(_ x: ArraySlice<Float>, start: Int, window w: Int) -> [Double] {
    let base = x.startIndex + start
    var cosTable = [Double](repeating: 0, count: w), sinTable = cosTable
    for j in 0..<w {
        cosTable[j] = cos(2 * Double.pi * Double(j) / Double(w))
        sinTable[j] = sin(2 * Double.pi * Double(j) / Double(w))
    }
    let tapered = (0..<w).map { t -> Double in
        let hann = 0.5 - 0.5 * cos(2 * Double.pi * Double(t) / Double(w))
        return hann * Double(x[base + t])
    }
    return (0...(w / 2)).map { k in
        var re = 0.0, im = 0.0
        for t in 0..<w {
            let j = (k * t) % w
            re += tapered[t] * cosTable[j]
            im -= tapered[t] * sinTable[j]
        }
        return re * re + im * im
    }
}
