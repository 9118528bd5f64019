import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Report

/// The SVG plots: well-formed XML, and the marks a reader relies on are present and correct.
final class PlotTests: XCTestCase {
    private func assertWellFormed(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))", file: file, line: line)
    }

    func testNiceTicksAreRoundNumbersCoveringTheRange() {
        XCTAssertEqual(niceTicks(0, 10, count: 5), [0, 5, 10])
        XCTAssertEqual(niceTicks(0, 200, count: 9), [0, 50, 100, 150, 200])
        XCTAssertEqual(niceTicks(-0.3, 0.7, count: 6), [-0.2, 0, 0.2, 0.4, 0.6].map { $0 }, accuracyTicks: 1e-12)
        XCTAssertEqual(tickLabel(0.0001), "0.0001")
        XCTAssertEqual(ratioLabel(4771.4), "4771")
        XCTAssertEqual(ratioLabel(12.345), "12.3")
    }

    func testEnvelopeKeepsEveryPeak() {
        let e = TraceEnvelope([1, 5, 2, 8, 3, 0] as [Float], buckets: 3)
        XCTAssertEqual(e.minimum, [1, 2, 0])
        XCTAssertEqual(e.maximum, [5, 8, 3])
        XCTAssertEqual(e.bounds.0, 0)
        XCTAssertEqual(e.bounds.1, 8)
        let short = TraceEnvelope([4, -1] as [Float], buckets: 10)
        XCTAssertEqual(short.minimum, [4, -1])
        XCTAssertEqual(short.maximum, [4, -1])
        // An ArraySlice that does not start at 0 (a channel of a signal).
        let slice = ([9, 9, 1, 2, 3] as [Float])[2...]
        XCTAssertEqual(TraceEnvelope(slice, buckets: 1).maximum, [3])
    }

    func testKLPlotMarksActiveBarsThresholdAndGap() {
        let svg = KLPlot.render(ReportFixtures.knownKLDocument())
        assertWellFormed(svg)
        XCTAssertEqual(occurrences(of: "fill=\"\(PlotPalette.active)\"", in: svg), 2 + 1, "two active bars and the legend swatch")
        XCTAssertEqual(occurrences(of: "fill=\"\(PlotPalette.inactive)\"", in: svg), 2 + 1)
        XCTAssertTrue(svg.contains(">threshold 0.1 nats<"))
        XCTAssertTrue(svg.contains(">gap ×200<"))
        XCTAssertTrue(svg.contains(">KL (nats, log scale)<"))
        // Bars in KL order, left to right: z2, z0, z3, z1.
        let labels = ["z2", "z0", "z3", "z1"].map { svg.range(of: ">\($0)</text>")!.lowerBound }
        XCTAssertEqual(labels, labels.sorted())
        // The same document gives the same bytes.
        XCTAssertEqual(svg, KLPlot.render(ReportFixtures.knownKLDocument()))
    }

    func testLatentPlotDrawsInputAndActiveTracesOnATimeAxis() {
        let result = ReportFixtures.result
        let overview = SignalOverview(signal: ReportFixtures.recording.signal, buckets: 100)
        let svg = LatentPlot.render(result: result, dimensions: result.count.activeDimensions, overview: overview, buckets: 100)
        assertWellFormed(svg)
        XCTAssertEqual(occurrences(of: "<polygon", in: svg), 4 + result.count.activeDimensions.count)
        XCTAssertTrue(svg.contains(">time (s)<"))
        for d in result.count.activeDimensions { XCTAssertTrue(svg.contains(">z\(d)</text>")) }
        // Each band has 2 × 100 vertices (upper edge, then lower edge back).
        let firstPoints = svg.components(separatedBy: "<polygon")[1].components(separatedBy: "points=\"")[1]
            .components(separatedBy: "\"")[0]
        XCTAssertEqual(firstPoints.split(separator: " ").count, 200)
    }

    func testTrainingPlotHasOnePointPerEpoch() {
        let history = ReportFixtures.result.training.history
        let svg = TrainingPlot.render(history: history)
        assertWellFormed(svg)
        let lines = svg.components(separatedBy: "<polyline").dropFirst()
        XCTAssertEqual(lines.count, 3, "loss, reconstruction, KL")
        for line in lines {
            let points = line.components(separatedBy: "points=\"")[1].components(separatedBy: "\"")[0]
            XCTAssertEqual(points.split(separator: " ").count, history.count)
        }
        XCTAssertTrue(svg.contains(">epoch<"))
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracyTicks: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(a) vs \(b)", file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracyTicks, file: file, line: line) }
}
