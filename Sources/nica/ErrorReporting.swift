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

extension Nica {
    /// Parses and runs like ArgumentParser's `main()`, but a usage error is one line on stderr
    /// ("nica: Missing value for '--window <window>'") with status 64, not a message plus help
    /// and usage lines, so scripts and logs get the same one-line errors as for bad data.
    /// Help and version requests, and the statuses `reportingErrors` chose, are left to
    /// ArgumentParser.
    static func main() {
        BLASKernelRelaunch.relaunchIfNeeded()
        do {
            var command = try parseAsRoot(attachingNegativeValues(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            let status = exitCode(for: error)
            let text = message(for: error).split(separator: "\n").first.map(String.init) ?? ""
            if status == .success || text.isEmpty { exit(withError: error) }
            writeToStderr("nica: \(text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text)\n")
            Glibc.exit(status.rawValue)
        }
    }

    /// `--option -3` becomes `--option=-3`: ArgumentParser would read `-3` as a short flag and
    /// report a missing value, hiding the real problem (a negative size) from the validation
    /// that names it.
    static func attachingNegativeValues(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument.hasPrefix("--"), argument.count > 2, !argument.contains("="), i + 1 < arguments.count,
               isNegativeNumber(arguments[i + 1]) {
                result.append(argument + "=" + arguments[i + 1])
                i += 2
            } else {
                result.append(argument)
                i += 1
            }
        }
        return result
    }

    private static func isNegativeNumber(_ text: String) -> Bool {
        text.hasPrefix("-") && text.count > 1 && Double(text) != nil
    }
}
