import NicaCore
import CSndFile

/// The audio container written for a file extension, and the libsndfile format code for a
/// container plus an encoding. Keeps the `SF_FORMAT_*` arithmetic out of `AudioFile`.
enum AudioContainer: String {
    case wav
    case aiff
    case flac

    /// The container for `path`'s extension (case-insensitive), or a usage error naming the
    /// supported ones.
    init(path: String) throws {
        let ext = FilePath.pathExtension(path)
        switch ext {
        case "wav", "wave": self = .wav
        case "aif", "aiff", "aifc": self = .aiff
        case "flac": self = .flac
        default:
            throw NicaError.invalidArgument(
                argument: path, message: "cannot tell the audio format from the extension \"\(ext)\": use .wav, .flac or .aiff")
        }
    }

    /// The `SF_INFO.format` value, or a usage error for combinations libsndfile cannot write
    /// (FLAC stores integers of at most 24 bits).
    func format(_ encoding: AudioEncoding) throws -> Int32 {
        let major: Int
        switch self {
        case .wav: major = SF_FORMAT_WAV
        case .aiff: major = SF_FORMAT_AIFF
        case .flac: major = SF_FORMAT_FLAC
        }
        if self == .flac && !(encoding == .pcm16 || encoding == .pcm24) {
            throw NicaError.invalidArgument(
                argument: "encoding", message: "FLAC stores pcm16 or pcm24, not \(encoding.rawValue): use .wav for float samples")
        }
        let minor: Int
        switch encoding {
        case .pcm16: minor = SF_FORMAT_PCM_16
        case .pcm24: minor = SF_FORMAT_PCM_24
        case .pcm32: minor = SF_FORMAT_PCM_32
        case .float32: minor = SF_FORMAT_FLOAT
        case .float64: minor = SF_FORMAT_DOUBLE
        }
        return Int32(major | minor)
    }
}
