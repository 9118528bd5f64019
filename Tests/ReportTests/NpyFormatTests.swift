import XCTest
import Report

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
