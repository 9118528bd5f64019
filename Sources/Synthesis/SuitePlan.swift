import NicaCore

/// A deterministic grid of generated cases for measuring the source count: for each family,
/// `casesPerFamily` cases with k from 1 to 8 (cycled), m from k (from 1 for spectral) to
/// 2k + 4, 1–3 nonlinear layers, SNR 20–40 dB, and a seed per case.
public struct SuitePlan: Sendable {
    /// One planned case: the file stem and the spec that generates it.
    public struct Case: Sendable {
        public var name: String
        public var spec: any RecordingSpec
    }

    public var cases: [Case]

    /// Plans `casesPerFamily` cases per family in `families`, drawn from `seed`.
    /// The families whose count is measured by default.
    public static let countingFamilies: [GenerationFamily] = [.linear, .nonlinear, .square, .spectral]

    public init(families: [GenerationFamily] = SuitePlan.countingFamilies, casesPerFamily: Int = 16,
                frames: Int = 20_000, spectralSeconds: Double = 60, seed: UInt64 = 1) throws {
        var rng = SeededRNG(seed: seed)
        var planned: [Case] = []
        for family in families {
            var familyRNG = rng.fork()
            for i in 0..<casesPerFamily {
                let k = 1 + i % 8
                let snr = (familyRNG.uniform(20, 40) * 10).rounded() / 10
                let caseSeed = familyRNG.next() % 1_000_000
                let layers = 1 + Int(familyRNG.next() % 3)
                let activation: MixingActivation = familyRNG.next() % 2 == 0 ? .tanhLinear : .leakyReLU
                let name = String(format3: family.rawValue, i, k)
                switch family {
                case .linear:
                    let m = k + Int(familyRNG.next() % UInt64(k + 5))
                    planned.append(Case(name: name, spec: LinearSpec(
                        k: k, m: m, frames: frames, snrDB: snr,
                        maxCondition: try RandomMixing.automaticMaxCondition(m: m, k: k, layers: 1), seed: caseSeed)))
                case .nonlinear:
                    let m = k + 1 + Int(familyRNG.next() % UInt64(k + 4))
                    planned.append(Case(name: name, spec: NonlinearSpec(
                        k: k, m: m, frames: frames, layers: layers, activation: activation, snrDB: snr,
                        maxCondition: try RandomMixing.automaticMaxCondition(m: m, k: k, layers: layers), seed: caseSeed)))
                case .square:
                    planned.append(Case(name: name, spec: SquareSpec(
                        k: k, frames: frames, layers: layers, activation: activation, snrDB: snr,
                        maxCondition: try RandomMixing.automaticMaxCondition(m: k, k: k, layers: layers), seed: caseSeed)))
                case .ivae:
                    planned.append(Case(name: name, spec: IVAESpec(seed: caseSeed)))
                case .spectral:
                    let m = 1 + Int(familyRNG.next() % 4)
                    let mixing: SpectralMixing = familyRNG.next() % 2 == 0 ? .linear : .saturating
                    planned.append(Case(name: name, spec: SpectralSpec(
                        k: k, m: m, duration: spectralSeconds, snrDB: snr, mixing: mixing, seed: caseSeed)))
                }
            }
        }
        cases = planned
    }
}

extension String {
    /// `family-NN-kK`, e.g. `nonlinear-03-k4`.
    init(format3 family: String, _ index: Int, _ k: Int) {
        let number = index < 10 ? "0\(index)" : "\(index)"
        self = "\(family)-\(number)-k\(k)"
    }
}
