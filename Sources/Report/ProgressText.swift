import Foundation
import Pipeline

/// Text for the progress of a run on stderr: the one-line terminal display, a log line per
/// event (`--verbose`), and one compact JSON object per event (`--progress json`).
public enum ProgressText {
    /// The terminal line after an epoch: epoch (of the limit), ELBO, KL, the current active
    /// count, and the time left when the epoch count is fixed.
    public static func line(_ p: TrainingProgress) -> String {
        let r = p.record
        let epoch = p.epochLimit.map { "\(r.epoch)/\($0)" } ?? "\(r.epoch)"
        return "training: " + restartLabel(p) + "epoch \(epoch)  ELBO \(fixed(-r.loss)) nats  KL \(fixed(r.kl)) nats  active \(p.activeEstimate)  "
            + (p.etaSeconds.map { "ETA \(clock($0))" } ?? "until converged, \(clock(p.elapsedSeconds)) so far")
    }

    /// One log line per epoch (`--verbose`): everything in the record.
    public static func logLine(_ p: TrainingProgress) -> String {
        let r = p.record
        return restartLabel(p) + "epoch \(r.epoch): ELBO \(fixed(-r.loss)) nats, reconstruction \(fixed(r.reconstruction)) nats, "
            + "KL \(fixed(r.kl)) nats, active \(p.activeEstimate), learning rate \(r.learningRate), "
            + "\(String(format: "%.2f", p.elapsedSeconds)) s"
    }

    /// One event as a single-line JSON object (keys sorted): `{"event":"stage","stage":…}`
    /// or `{"event":"epoch","epoch":…,"epochs":…|null,"elbo":…,"reconstruction":…,"kl":…,
    /// "active":…,"learning_rate":…,"elapsed_s":…,"eta_s":…|null,"restart":…,"restarts":…}`;
    /// nats and seconds.
    public static func json(_ event: PipelineEvent) -> String {
        switch event {
        case .stage(let name):
            return encode(StageEvent(stage: name))
        case .epoch(let p):
            return encode(EpochEvent(epoch: p.record.epoch, epochs: p.epochLimit, elbo: -p.record.loss,
                                     reconstruction: p.record.reconstruction, kl: p.record.kl, active: p.activeEstimate,
                                     learningRate: p.record.learningRate, elapsed: p.elapsedSeconds, eta: p.etaSeconds,
                                     restart: p.restart, restarts: p.restarts))
        }
    }

    /// "restart 2/3  " when there are several training runs, else nothing.
    static func restartLabel(_ p: TrainingProgress) -> String {
        p.restarts > 1 ? "restart \(p.restart)/\(p.restarts)  " : ""
    }

    /// The last JSON event of a successful run: `{"event":"done","sources":…}`.
    public static func jsonDone(sources: Int) -> String {
        encode(DoneEvent(sources: sources))
    }

    /// A warning about the result, in the JSON stream so that every line stays one event:
    /// `{"event":"warning","message":…}`.
    public static func jsonWarning(_ message: String) -> String {
        encode(WarningEvent(message: message))
    }

    private struct WarningEvent: Encodable {
        var event = "warning"
        var message: String
    }

    private struct StageEvent: Encodable {
        var event = "stage"
        var stage: String
    }

    private struct DoneEvent: Encodable {
        var event = "done"
        var sources: Int
    }

    private struct EpochEvent: Encodable {
        var event = "epoch"
        var epoch: Int
        var epochs: Int?
        var elbo, reconstruction, kl: Double
        var active: Int
        var learningRate: Float
        var elapsed: Double
        var eta: Double?
        var restart: Int
        var restarts: Int

        enum CodingKeys: String, CodingKey {
            case event, epoch, epochs, elbo, reconstruction, kl, active, restart, restarts
            case learningRate = "learning_rate"
            case elapsed = "elapsed_s"
            case eta = "eta_s"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(event, forKey: .event)
            try c.encode(epoch, forKey: .epoch)
            try c.encode(epochs, forKey: .epochs)
            try c.encode(elbo, forKey: .elbo)
            try c.encode(reconstruction, forKey: .reconstruction)
            try c.encode(kl, forKey: .kl)
            try c.encode(active, forKey: .active)
            try c.encode(learningRate, forKey: .learningRate)
            try c.encode(elapsed, forKey: .elapsed)
            try c.encode(restart, forKey: .restart)
            try c.encode(restarts, forKey: .restarts)
            try c.encode(eta, forKey: .eta)
        }
    }

    private static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }

    /// m:ss (or h:mm:ss) for a duration in seconds.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    private static func fixed(_ x: Double) -> String { String(format: "%.3f", x) }
}
