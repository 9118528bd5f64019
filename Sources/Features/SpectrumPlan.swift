import CFFTW

/// One batched real-to-complex FFTW plan: `batch` transforms of `window` real samples each,
/// computed by a single `fftwf_execute`, with its own SIMD-aligned (`fftwf_malloc`)
/// input and output buffers.
///
/// Why batched: one `fftwf_plan_many_dft_r2c` call over many windows amortises the call
/// and loop overhead that dominates short transforms (W = 64 … 512). Why `FFTW_ESTIMATE`:
/// planning takes microseconds instead of the seconds `FFTW_MEASURE` can need, and the
/// chosen algorithm does not depend on timing noise, so two runs on the same machine give
/// bit-identical features. Plans are expensive relative to one execute, so
/// `FeatureExtractor` keeps them in a pool keyed by `(window, batch)` and reuses them.
///
/// Layout: window `j` of the batch occupies input floats `j·inputStride ..< j·inputStride + W`;
/// its spectrum is `binCount = W/2 + 1` complex values at output floats
/// `2·(j·outputStride + k)` (real) and `+1` (imaginary), k = 0 … W/2. Strides are padded to
/// 32 bytes so every transform in the batch has the same alignment.
///
/// A plan may be executed from any thread, but one plan (with its buffers) must be used by
/// one thread at a time.
public final class SpectrumPlan {
    /// Samples per transform (W).
    public let window: Int
    /// Transforms per execute.
    public let batch: Int
    /// Complex outputs per transform: W/2 + 1.
    public let binCount: Int
    /// Floats between the starts of consecutive input windows (≥ W).
    public let inputStride: Int
    /// Complex values between the starts of consecutive output spectra (≥ W/2 + 1).
    public let outputStride: Int

    private let plan: OpaquePointer
    private let input: UnsafeMutablePointer<Float>
    private let output: UnsafeMutablePointer<Float>

    private static let counterLock = PthreadMutex()
    nonisolated(unsafe) private static var created = 0

    /// How many plans this process has created so far (diagnostics; lets tests check reuse).
    public static var plansCreated: Int { counterLock.withLock { created } }

    /// Creates the plan and its buffers (zero-filled). Takes the global FFTW planner lock.
    public init(window: Int, batch: Int) {
        precondition(window >= 1 && batch >= 1, "SpectrumPlan: window and batch must be ≥ 1")
        precondition(window <= Int(Int32.max) / 2, "SpectrumPlan: window too long for FFTW's int sizes")
        let bins = window / 2 + 1
        let inStride = (window + 7) / 8 * 8       // 8 floats = 32 bytes
        let outStride = (bins + 3) / 4 * 4        // 4 complex = 32 bytes
        let inCount = inStride * batch
        let outCount = 2 * outStride * batch
        let (p, i, o) = fftwPlannerLock.withLock { () -> (OpaquePointer, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) in
            guard let rawIn = fftwf_malloc(inCount * MemoryLayout<Float>.stride),
                  let rawOut = fftwf_malloc(outCount * MemoryLayout<Float>.stride) else {
                fatalError("SpectrumPlan: fftwf_malloc failed for a \(window)×\(batch) plan")
            }
            let i = rawIn.initializeMemory(as: Float.self, repeating: 0, count: inCount)
            let o = rawOut.initializeMemory(as: Float.self, repeating: 0, count: outCount)
            var n = Int32(window)
            guard let p = fftwf_plan_many_dft_r2c(
                1, &n, Int32(batch),
                i, nil, 1, Int32(inStride),
                UnsafeMutableRawPointer(o).assumingMemoryBound(to: fftwf_complex.self), nil, 1, Int32(outStride),
                UInt32(FFTW_ESTIMATE))
            else { fatalError("SpectrumPlan: FFTW could not plan \(batch) transforms of \(window) samples") }
            return (p, i, o)
        }
        self.window = window
        self.batch = batch
        binCount = bins
        inputStride = inStride
        outputStride = outStride
        plan = p
        input = i
        output = o
        Self.counterLock.withLock { Self.created += 1 }
    }

    deinit {
        fftwPlannerLock.withLock {
            fftwf_destroy_plan(plan)
            fftwf_free(input)
            fftwf_free(output)
        }
    }

    /// Gives `body` the input buffer (`batch · inputStride` floats) to fill with windows.
    @inline(__always)
    public func withInput<R>(_ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(input) }
    }

    /// Transforms all `batch` input windows into the output buffer (`fftwf_execute`;
    /// thread-safe across different plans, no lock taken).
    public func execute() {
        fftwf_execute(plan)
    }

    /// Gives `body` the output buffer: `batch · outputStride` complex values as interleaved
    /// (real, imaginary) floats.
    @inline(__always)
    public func withOutput<R>(_ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(UnsafePointer(output)) }
    }
}
