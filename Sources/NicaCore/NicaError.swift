/// Every failure nica reports. Each case carries where it happened (file, line, column,
/// field or argument) so the command line can print one specific line and pick the exit
/// status (sysexits: 64 usage, 65 bad data, 66 missing input, 70 internal, 74 I/O).
public enum NicaError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A command-line argument is out of range or inconsistent with the input.
    case invalidArgument(argument: String, message: String)
    /// The input file does not exist or is not a regular file.
    case missingInput(path: String, message: String)
    /// The input file exists but its contents are not valid (`line`/`column` are 1-based; 0 = unknown).
    case badData(path: String, line: Int, column: Int, message: String)
    /// Reading or writing failed at the operating-system level.
    case io(path: String, message: String)
    /// Training diverged or produced a non-finite value that could not be recovered.
    case numerical(message: String)

    public var description: String {
        switch self {
        case let .invalidArgument(argument, message):
            return "\(argument): \(message)"
        case let .missingInput(path, message):
            return "\(path): \(message)"
        case let .badData(path, line, column, message):
            var location = path
            if line > 0 { location += ":\(line)" }
            if column > 0 { location += ":\(column)" }
            return "\(location): \(message)"
        case let .io(path, message):
            return "\(path): \(message)"
        case let .numerical(message):
            return "numerical error: \(message)"
        }
    }

    /// The process exit status for this error (BSD sysexits).
    public var exitCode: Int32 {
        switch self {
        case .invalidArgument: return 64
        case .badData: return 65
        case .missingInput: return 66
        case .numerical: return 70
        case .io: return 74
        }
    }
}
