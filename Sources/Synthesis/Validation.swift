import NicaCore

/// Shorthand for the parameter checks every spec makes; the argument names are the
/// command-line options of `nica generate`, so an error points at what the user typed.
enum Validate {
    static func require(_ condition: Bool, _ argument: String, _ message: @autoclosure () -> String) throws {
        if !condition { throw NicaError.invalidArgument(argument: argument, message: message()) }
    }

    static func sourcesAndChannels(k: Int, m: Int, perSample: Bool) throws {
        try require(k >= 1, "--k", "the number of sources must be at least 1 (got \(k))")
        try require(m >= 1, "--m", "the number of channels must be at least 1 (got \(m))")
        if perSample {
            // Fewer channels than sources cannot carry a k-dimensional manifold injectively,
            // so the sources would not be identifiable from the observations.
            try require(m >= k, "--m",
                        "needs at least as many channels as sources (m = \(m) < k = \(k)) for this family")
        }
    }

    static func sampleRate(_ rate: Double) throws {
        try require(rate.isFinite && rate > 0, "--rate", "must be a positive number of Hz (got \(rate))")
    }

    static func snr(_ snrDB: Double?) throws {
        if let snrDB { try require(snrDB.isFinite, "--snr", "must be a finite number of dB (got \(snrDB))") }
    }
}
