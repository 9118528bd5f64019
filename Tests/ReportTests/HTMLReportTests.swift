import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Report

/// report.html: self-contained, the answer first, the table and the settings complete.
final class HTMLReportTests: XCTestCase {
    func testPageIsSelfContainedWithTheAnswerFirst() {
        let document = ReportFixtures.knownKLDocument()
        let plots = HTMLReport.Plots(kl: KLPlot.render(document), latents: "<svg id=\"l\"></svg>",
                                     training: "<svg id=\"t\"></svg>")
        let html = HTMLReport.render(document, plots: plots)
        let answer = try! XCTUnwrap(html.range(of: "Estimated number of sources: 2"))
        let firstPlot = try! XCTUnwrap(html.range(of: "<svg"))
        XCTAssertLessThan(answer.lowerBound, firstPlot.lowerBound)
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertFalse(html.contains("src="), "no external resources")
        XCTAssertEqual(occurrences(of: "http", in: html), occurrences(of: "http://www.w3.org/2000/svg", in: html),
                       "the only URL is the SVG namespace")
        // The input path is escaped.
        XCTAssertTrue(html.contains("cases/a&amp;b &lt;test&gt;.csv"))
        XCTAssertFalse(html.contains("a&b <test>"))
        // One table row per latent, the two active ones highlighted, in KL order.
        XCTAssertEqual(occurrences(of: "<td>z", in: html), 4)
        XCTAssertEqual(occurrences(of: "<tr class=\"active\">", in: html), 2)
        XCTAssertTrue(html.contains("<td class=\"num\">1</td><td>z2</td><td class=\"num\">2.5000</td>"))
        XCTAssertTrue(html.contains("<tr><th>seed</th><td>3</td></tr>"))
        XCTAssertTrue(html.contains("<tr><th>fftw</th><td>fftw-3.3.10</td></tr>"))
        XCTAssertTrue(html.contains("200 times the KL"))
    }

    func testAmbiguousCountIsFlagged() {
        var document = ReportFixtures.knownKLDocument()
        let plots = HTMLReport.Plots(kl: "", latents: "", training: "")
        document.ambiguous = false
        XCTAssertFalse(HTMLReport.render(document, plots: plots).contains("class=\"warning\""))
        document.ambiguous = true
        XCTAssertTrue(HTMLReport.render(document, plots: plots).contains("class=\"warning\""))
    }
}
