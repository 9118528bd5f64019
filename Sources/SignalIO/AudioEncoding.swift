/// How samples are stored in a written audio file.
///
/// Integer encodings map ±1.0 to full scale (`x · 2^(bits−1)`, rounded, clipped to the
/// integer range), the inverse of how libsndfile reads them back, so a round trip is within
/// half a quantisation step for values in [−1, 1). Values outside that range are clipped, so
/// scale signals that are not audio (latents, sensor data) before choosing an integer
/// encoding; the float encodings store any finite value exactly.
public enum AudioEncoding: String, Codable, Equatable, Sendable, CaseIterable {
    /// Signed 16-bit integers (WAV, AIFF, FLAC).
    case pcm16
    /// Signed 24-bit integers (WAV, AIFF, FLAC).
    case pcm24
    /// Signed 32-bit integers (WAV, AIFF); reads back as Float32, so only 24 bits survive.
    case pcm32
    /// IEEE Float32: bit-exact for nica's signals (WAV, AIFF-C).
    case float32
    /// IEEE Float64 (WAV, AIFF-C); no more precise than float32 for Float32 data.
    case float64

    /// Bits per sample for the integer encodings, `nil` for the float ones.
    public var integerBits: Int? {
        switch self {
        case .pcm16: return 16
        case .pcm24: return 24
        case .pcm32: return 32
        case .float32, .float64: return nil
        }
    }
}
