import CFFTW

/// The FFTW build nica is linked against.
public enum FFTWLibrary {
    /// e.g. `fftw-3.3.10-sse2-avx`.
    public static var version: String { String(cString: nica_fftwf_version()) }
}
