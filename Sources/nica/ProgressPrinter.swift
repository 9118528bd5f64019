import Model
import Pipeline
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress display on stderr, shown only when stderr is a terminal (so logs and
/// pipes stay clean) and not silenced with --quiet.
final class ProgressPrinter {
    private let enabled: Bool
    private var wroteLine = false

    init(enabled: Bool) {
        self.enabled = enabled && isatty(2) != 0
    }

    func handle(_ event: PipelineEvent) {
        guard enabled else { return }
        switch event {
        case .stage(let name):
            show("\(name)…")
        case .epoch(let r):
            show("training: epoch \(r.epoch)  loss \(fixed(r.loss)) nats  KL \(fixed(r.kl)) nats  lr \(r.learningRate)")
        }
    }

    func finish() {
        guard enabled, wroteLine else { return }
        writeToStderr("\r\u{1B}[K")
    }

    private func show(_ text: String) {
        wroteLine = true
        writeToStderr("\r\u{1B}[K" + text)
    }

    private func fixed(_ x: Double) -> String {
        let scaled = (x * 1000).rounded() / 1000
        return "\(scaled)"
    }
}
