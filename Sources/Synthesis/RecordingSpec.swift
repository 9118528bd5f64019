/// The parameters of one generated recording. Every conforming spec is a plain value with
/// defaults; `generate()` validates it and is deterministic: the same spec (seed included)
/// gives a bit-identical recording on the same platform.
public protocol RecordingSpec: Codable, Sendable {
    /// The family this spec generates.
    static var family: GenerationFamily { get }

    /// Validates the parameters and builds the recording.
    ///
    /// - Throws: `NicaError.invalidArgument` naming the offending command-line option
    ///   (`--k`, `--m`, …) when a parameter is out of range.
    func generate() throws -> GeneratedRecording
}
