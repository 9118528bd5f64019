import Analysis
import Foundation
import Pipeline
import Report
import XCTest

/// `residual_check` in the report and its line in the summary.
final class ResidualCheckReportTests: XCTestCase {
    private func document(ceiling: Double?) -> ReportDocument {
        var result = ReportFixtures.result
        result.residualCheck = ResidualCheck(
            direction: ResidualDirection(varianceShare: 0.14, nonstationarity: 1.73, excessKurtosis: 0.61),
            decoderLogVarianceCeiling: ceiling)
        return ReportFixtures.document(result)
    }

    func testTheCheckIsReportedWithItsCeiling() throws {
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(document(ceiling: -7.0))) as? [String: Any]
        let check = try XCTUnwrap(json?["residual_check"] as? [String: Double])
        XCTAssertEqual(check["nonstationarity"], 1.73)
        XCTAssertEqual(check["threshold"], AnalysisSettings.residualSourceNonstationarity)
        XCTAssertEqual(check["variance_share"], 0.14)
        XCTAssertEqual(check["excess_kurtosis"], 0.61)
        XCTAssertEqual(check["decoder_log_variance_ceiling"], -7.0)
        XCTAssertTrue(SummaryText.render(document(ceiling: -7.0)).contains("retrained with the decoder variance at most 0.000912"))
    }

    /// A check that found noise leaves the count alone: no ceiling, no summary line.
    func testACheckThatFoundNoiseHasNoCeilingAndNoLine() throws {
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(document(ceiling: nil))) as? [String: Any]
        let check = try XCTUnwrap(json?["residual_check"] as? [String: Double])
        XCTAssertNil(check["decoder_log_variance_ceiling"])
        XCTAssertFalse(SummaryText.render(document(ceiling: nil)).contains("decoder variance"))
        XCTAssertNil((try JSONSerialization.jsonObject(with: JSONEncoder().encode(ReportFixtures.document())) as? [String: Any])?["residual_check"],
                     "absent when the count was not K − 1")
    }
}
