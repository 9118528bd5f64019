import ArgumentParser

/// How progress is shown on stderr.
enum ProgressMode: String, CaseIterable, ExpressibleByArgument {
    /// A one-line display, only when stderr is a terminal.
    case auto
    /// One JSON object per event and line, always (for wrappers).
    case json
    /// Nothing.
    case none
}

/// The progress options shared by the commands that run the pipeline.
struct ProgressOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "No progress output on stderr (same as --progress none).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "A log line on stderr for every stage and epoch, also when stderr is not a terminal.")
    var verbose = false

    @Option(help: "Progress on stderr: auto (a one-line display when stderr is a terminal), json (one JSON event per line) or none.")
    var progress: ProgressMode = .auto

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    var printer: ProgressPrinter {
        if quiet || progress == .none { return ProgressPrinter(style: .off) }
        if progress == .json { return ProgressPrinter(style: .json) }
        return ProgressPrinter(style: verbose ? .log : .terminal)
    }
}
