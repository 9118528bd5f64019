import XCTest
import Model
import Pipeline
@testable import Report

/// Progress text: the terminal line, the log line and the JSON events.
final class ProgressTextTests: XCTestCase {
    private let progress = TrainingProgress(
        record: EpochRecord(epoch: 12, loss: 3.25, reconstruction: 1.5, kl: 1.75, learningRate: 0.0005),
        epochLimit: 80, activeEstimate: 3, elapsedSeconds: 24)

    func testTerminalLineShowsEpochELBOKLActiveAndETA() {
        XCTAssertEqual(ProgressText.line(progress),
                       "training: epoch 12/80  ELBO -3.250 nats  KL 1.750 nats  active 3  ETA 2:16")
        var open = progress
        open.epochLimit = nil
        XCTAssertEqual(ProgressText.line(open),
                       "training: epoch 12  ELBO -3.250 nats  KL 1.750 nats  active 3  until converged, 0:24 so far")
        XCTAssertEqual(ProgressText.clock(3725), "1:02:05")
    }

    func testJSONEventsAreOneObjectPerLine() throws {
        let epoch = ProgressText.json(.epoch(progress))
        XCTAssertFalse(epoch.contains("\n"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(epoch.utf8)) as? [String: Any])
        XCTAssertEqual(object["event"] as? String, "epoch")
        XCTAssertEqual(object["epoch"] as? Int, 12)
        XCTAssertEqual(object["epochs"] as? Int, 80)
        XCTAssertEqual(object["elbo"] as? Double, -3.25)
        XCTAssertEqual(object["kl"] as? Double, 1.75)
        XCTAssertEqual(object["active"] as? Int, 3)
        XCTAssertEqual(object["eta_s"] as? Double, 136)
        XCTAssertEqual(ProgressText.json(.stage("features")), "{\"event\":\"stage\",\"stage\":\"features\"}")
        XCTAssertEqual(ProgressText.jsonDone(sources: 2), "{\"event\":\"done\",\"sources\":2}")
        let warning = ProgressText.jsonWarning("count \"may\" be\ntoo high")
        XCTAssertFalse(warning.contains("\n"), "one event per line")
        let warningObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(warning.utf8)) as? [String: Any])
        XCTAssertEqual(warningObject["event"] as? String, "warning")
        XCTAssertEqual(warningObject["message"] as? String, "count \"may\" be\ntoo high")
        var open = progress
        open.epochLimit = nil
        let unbounded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ProgressText.json(.epoch(open)).utf8)) as? [String: Any])
        XCTAssertTrue(unbounded["eta_s"] is NSNull, "eta_s is null when training runs until converged")
    }
}
