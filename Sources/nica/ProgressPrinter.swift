import Pipeline
import Report
#if canImport(Glibc)
import Glibc
#endif

/// Shows pipeline progress on stderr: a one-line display redrawn in place (only when stderr
/// is a terminal, so logs and pipes stay clean), a log line per event, or JSON events.
final class ProgressPrinter {
    enum Style { case off, terminal, log, json }

    private let style: Style
    private var wroteLine = false

    init(style: Style) {
        self.style = style == .terminal && isatty(2) == 0 ? .off : style
    }

    /// The callback for the pipeline; nil when nothing is shown, so the pipeline skips the
    /// per-epoch active-count estimate.
    var handler: ((PipelineEvent) -> Void)? {
        style == .off ? nil : { [self] in handle($0) }
    }

    func handle(_ event: PipelineEvent) {
        switch (style, event) {
        case (.off, _):
            return
        case (.json, _):
            writeToStderr(ProgressText.json(event) + "\n")
        case (.log, .stage(let name)):
            writeToStderr("\(name)\n")
        case (.log, .epoch(let p)):
            writeToStderr(ProgressText.logLine(p) + "\n")
        case (.terminal, .stage(let name)):
            show("\(name)…")
        case (.terminal, .epoch(let p)):
            show(ProgressText.line(p))
        }
    }

    /// Clears the terminal line, or ends the JSON stream with the count.
    func finish(sources: Int? = nil) {
        if style == .json, let sources { writeToStderr(ProgressText.jsonDone(sources: sources) + "\n") }
        guard style == .terminal, wroteLine else { return }
        writeToStderr("\r\u{1B}[K")
    }

    /// A warning about the result: a JSON event in the JSON stream, else a `nica: warning:`
    /// line. Shown whatever the style, since `--quiet` silences progress, not warnings.
    func warn(_ message: String) {
        if style == .json { return writeToStderr(ProgressText.jsonWarning(message) + "\n") }
        // On a terminal the progress line is still drawn: clear it so the warning starts a line.
        if style == .terminal && wroteLine { writeToStderr("\r\u{1B}[K"); wroteLine = false }
        writeToStderr("nica: warning: \(message)\n")
    }

    private func show(_ text: String) {
        wroteLine = true
        writeToStderr("\r\u{1B}[K" + text)
    }
}
