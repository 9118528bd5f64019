import XCTest
import Evaluation
import Synthesis

final class EvaluationTests: XCTestCase {
    private func outcome(_ name: String, k: Int, sources: Int, mdl: Int, seed: UInt64 = 1, mcc: Double? = 0.9,
                         weakest: Double? = nil) -> CaseOutcome {
        CaseOutcome(name: name, family: "nonlinear", k: k, m: k + 2, snrDB: 30, layers: 2, seed: seed,
                    sources: sources, linearMDL: mdl, mcc: mcc, klSorted: [], gapRatio: nil, ambiguous: false, seconds: 2,
                    weakestDirectionSNRDB: weakest)
    }

    func testRunsAreGroupedByTheWeakestDirection() throws {
        let outcomes = [outcome("a", k: 8, sources: 7, mdl: 7, weakest: -3), outcome("b", k: 7, sources: 6, mdl: 6, weakest: 0),
                        outcome("c", k: 5, sources: 5, mdl: 5, weakest: 5.9), outcome("d", k: 3, sources: 3, mdl: 3, weakest: 6),
                        outcome("e", k: 2, sources: 3, mdl: 2, weakest: 25), outcome("f", k: 2, sources: 2, mdl: 2)]
        let report = EvaluationReport(outcomes: outcomes)
        XCTAssertEqual(report.detectability.map(\.family), ["< 0 dB", "0–6 dB", "≥ 6 dB"])
        XCTAssertEqual(report.detectability.map(\.runs), [1, 2, 2], "the run without the figure is left out")
        XCTAssertEqual(report.detectability.map(\.exact), [0, 0.5, 0.5])
        XCTAssertEqual(report.detectability.map(\.meanSignedError), [-1, -0.5, 0.5])
        let table = try XCTUnwrap(report.detectabilityTable())
        XCTAssertTrue(table.hasPrefix("| weakest direction | cases |"))
        XCTAssertTrue(table.contains("| ≥ 6 dB | 2 | 2 | 50 % |"), table)
        XCTAssertTrue(report.caseTable().contains("| a | 8 | 10 | 2 | 30.0 | -3.0 | 7 |"), report.caseTable())
        XCTAssertTrue(report.caseTable().contains("| f | 2 | 4 | 2 | 30.0 | – | 2 |"))
        XCTAssertNil(EvaluationReport(outcomes: [outcome("f", k: 2, sources: 2, mdl: 2)]).detectabilityTable())
    }

    func testFamilySummaryArithmetic() {
        let outcomes = [outcome("a", k: 3, sources: 3, mdl: 5), outcome("b", k: 4, sources: 2, mdl: 4),
                        outcome("c", k: 2, sources: 3, mdl: 2, mcc: nil), outcome("d", k: 5, sources: 5, mdl: 7)]
        let s = FamilySummary(family: "nonlinear", outcomes: outcomes)
        XCTAssertEqual(s.cases, 4)
        XCTAssertEqual(s.exact, 0.5)
        XCTAssertEqual(s.withinOne, 0.75)
        XCTAssertEqual(s.meanAbsoluteError, 0.75)
        XCTAssertEqual(s.meanSignedError, -0.25)
        XCTAssertEqual(s.linearMDLExact, 0.5)
        XCTAssertEqual(s.meanMCC ?? 0, 0.9, accuracy: 1e-12)
        XCTAssertNil(s.seedConsistency)
    }

    func testSeedConsistencyNeedsFourOfFive() {
        let steady = (1...5).map { outcome("a", k: 3, sources: $0 == 5 ? 2 : 3, mdl: 3, seed: UInt64($0)) }
        let shaky = (1...5).map { outcome("b", k: 3, sources: $0 <= 3 ? 3 : 2, mdl: 3, seed: UInt64($0)) }
        XCTAssertEqual(FamilySummary(family: "x", outcomes: steady).seedConsistency, 1)
        XCTAssertEqual(FamilySummary(family: "x", outcomes: steady + shaky).seedConsistency, 0.5)
    }

    func testSuitePlanCoversTheGridDeterministically() throws {
        let a = try SuitePlan(casesPerFamily: 8, frames: 1000, spectralSeconds: 5, seed: 3)
        let b = try SuitePlan(casesPerFamily: 8, frames: 1000, spectralSeconds: 5, seed: 3)
        XCTAssertEqual(a.cases.map(\.name), b.cases.map(\.name))
        XCTAssertEqual(a.cases.count, 32)
        for planned in a.cases {
            switch planned.spec {
            case let s as NonlinearSpec:
                XCTAssert((1...8).contains(s.k) && s.m > s.k && s.m <= 2 * s.k + 4 && (1...3).contains(s.layers))
                XCTAssert((20...40).contains(s.snrDB ?? 0))
            case let s as LinearSpec:
                XCTAssert(s.m >= s.k && s.m <= 2 * s.k + 4)
            case let s as SquareSpec:
                XCTAssert((1...8).contains(s.k))
            case let s as SpectralSpec:
                XCTAssert((1...4).contains(s.m) && (1...8).contains(s.k))
            default:
                XCTFail("unexpected spec \(planned.spec)")
            }
        }
        // Every k from 1 to 8 appears in every family.
        XCTAssertEqual(Set(a.cases.compactMap { ($0.spec as? NonlinearSpec)?.k }), Set(1...8))
    }

    func testConditionPercentileIsDeterministicAndOrdered() throws {
        let p25 = try RandomMixing.conditionPercentile(rows: 6, cols: 6, percentile: 0.25, draws: 400)
        let p75 = try RandomMixing.conditionPercentile(rows: 6, cols: 6, percentile: 0.75, draws: 400)
        XCTAssertEqual(p25, try RandomMixing.conditionPercentile(rows: 6, cols: 6, percentile: 0.25, draws: 400))
        XCTAssertLessThan(p25, p75)
        XCTAssertGreaterThan(p25, 1)
    }
}
