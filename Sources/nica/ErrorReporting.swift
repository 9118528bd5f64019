import ArgumentParser
import NicaCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs `body`; a `NicaError` becomes one line on stderr ("nica: <file>:<line>: <what>") and
/// its sysexits status, instead of a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as NicaError {
        writeToStderr("nica: \(error.description)\n")
        throw ExitCode(error.exitCode)
    }
}

/// Writes `text` to standard error unbuffered.
func writeToStderr(_ text: String) {
    fputs(text, stderr)
    fflush(stderr)
}
