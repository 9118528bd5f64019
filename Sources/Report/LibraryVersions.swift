import Features
import Linalg
import SignalIO

/// Versions of nica and the libraries it is linked against, for every report.
public enum LibraryVersions {
    public static var all: [String: String] {
        [
            "nica": NicaVersion.string,
            "libsndfile": AudioFile.libraryVersion,
            "fftw": FFTWLibrary.version,
            "openblas": BLASRuntime.configuration,
            "openblas_core": BLASRuntime.coreName,
        ]
    }
}
