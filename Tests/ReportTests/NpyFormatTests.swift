import XCTest
import Foundation
import Report
import TestSupport

/// The .npy writer against the format's rules (numpy.lib.format, version 1.0).
final class NpyFormatTests: XCTestCase {
    func testHeaderAndDataFollowVersion1() {
        let values: [Float] = [1, -2.5, 3, 0.25, 5, 6]
        let bytes = NpyFormat.encode(values, shape: [3, 2])
        XCTAssertEqual(Array(bytes[0..<8]), [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        XCTAssertEqual((10 + headerLength) % 64, 0, "data aligned to 64 bytes")
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        XCTAssertTrue(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"), header)
        XCTAssertTrue(header.hasSuffix("\n"))
        XCTAssertEqual(bytes.count, 10 + headerLength + 4 * values.count)
        // Little-endian Float32, C order: −2.5 is the second value.
        let second = UInt32(bytes[10 + headerLength + 4]) | UInt32(bytes[10 + headerLength + 5]) << 8
            | UInt32(bytes[10 + headerLength + 6]) << 16 | UInt32(bytes[10 + headerLength + 7]) << 24
        XCTAssertEqual(Float(bitPattern: second), -2.5)
    }

    func testOneDimensionalShapeHasTheTrailingComma() {
        let bytes = NpyFormat.encode([1, 2], shape: [2])
        XCTAssertTrue(String(decoding: bytes[10..<(bytes.count - 8)], as: UTF8.self).contains("'shape': (2,), }"))
    }
}

/// NumPy itself reads the file (behind NICA_PYTHON_TESTS=1: needs python3 with numpy).
final class NpyNumPyTests: XCTestCase {
    func testNumPyLoadsShapeDtypeAndValues() throws {
        guard ProcessInfo.processInfo.environment["NICA_PYTHON_TESTS"] == "1" else {
            throw XCTSkip("set NICA_PYTHON_TESTS=1 (needs python3 with numpy)")
        }
        let path = TestSupport.makeTemporaryDirectory("nica-npy") + "/a.npy"
        let values: [Float] = [1, -2.5, 3, 0.25, 5, 1e-7]
        try Data(NpyFormat.encode(values, shape: [3, 2])).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, numpy; a = numpy.load(sys.argv[1]); "
                             + "print(a.dtype.str, a.shape, a.flags['C_CONTIGUOUS'], a.tolist())", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(output, "<f4 (3, 2) True [[1.0, -2.5], [3.0, 0.25], [5.0, 1.0000000116860974e-07]]\n")
    }
}
