import NicaCore

/// Resolves `--channels` against the channel names of an input (header names for CSV,
/// `ch0`, `ch1`, … otherwise), shared by the CSV and audio paths so both accept the same
/// spellings and fail with the same message.
enum ChannelSelection {
    /// The indices (into `names`) of the requested channels, in the order requested.
    ///
    /// An entry matching a name exactly is taken as that name, even if it also reads as a
    /// number: a header may well name its columns "1", "2", … and the user then means those.
    /// Otherwise a non-negative integer is an index. Anything else, an empty list, or a
    /// channel selected twice (which would make the unmixing degenerate) is a usage error.
    static func resolve(_ requested: [String]?, names: [String]) throws -> [Int] {
        guard let requested else { return Array(names.indices) }
        guard !requested.isEmpty else {
            throw NicaError.invalidArgument(
                argument: "--channels", message: "no channels given; available: \(available(names))")
        }
        var chosen: [Int] = []
        var seen = Set<Int>()
        for raw in requested {
            let entry = raw.trimmingSpaces()
            let index: Int
            if let byName = names.firstIndex(of: entry) {
                index = byName
            } else if let number = Int(entry), number >= 0, number < names.count {
                index = number
            } else {
                throw NicaError.invalidArgument(
                    argument: "--channels",
                    message: "unknown channel \"\(raw)\"; available: \(available(names))")
            }
            guard seen.insert(index).inserted else {
                throw NicaError.invalidArgument(
                    argument: "--channels", message: "channel \"\(names[index])\" is selected twice")
            }
            chosen.append(index)
        }
        return chosen
    }

    /// "0=a, 1=b, …", cut after 32 entries so a 500-column file does not flood the terminal.
    static func available(_ names: [String]) -> String {
        let limit = 32
        var parts = names.prefix(limit).enumerated().map { "\($0.offset)=\($0.element)" }
        if names.count > limit { parts.append("… (\(names.count) channels)") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (no Foundation needed).
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
