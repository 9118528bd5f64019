import XCTest
import NicaCore
import ModelStore

/// The safetensors container against the format's rules, and its error messages.
final class SafeTensorsTests: XCTestCase {
    private let sample = SafeTensors(
        tensors: [.init(name: "a", shape: [2, 3], values: [1, 2, 3, 4, 5, -6.5]), .init(name: "b\"q", shape: [1], values: [7])],
        metadata: ["note": "line\nbreak", "format": "x"])

    func testLayoutFollowsTheFormat() throws {
        let bytes = sample.encoded()
        var length = 0
        for i in 0..<8 { length |= Int(bytes[i]) << (8 * i) }
        XCTAssertEqual(length % 8, 0, "header padded to 8 bytes")
        XCTAssertEqual(bytes.count, 8 + length + 4 * 7)
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + length)])) as? [String: Any])
        let a = try XCTUnwrap(header["a"] as? [String: Any])
        XCTAssertEqual(a["dtype"] as? String, "F32")
        XCTAssertEqual(a["shape"] as? [Int], [2, 3])
        XCTAssertEqual(a["data_offsets"] as? [Int], [0, 24])
        XCTAssertEqual((header["b\"q"] as? [String: Any])?["data_offsets"] as? [Int], [24, 28])
        XCTAssertEqual((header["__metadata__"] as? [String: String])?["note"], "line\nbreak")
        // −6.5 little-endian Float32 is the sixth value of the data.
        let p = 8 + length + 20
        XCTAssertEqual(Float(bitPattern: UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16
                             | UInt32(bytes[p + 3]) << 24), -6.5)
    }

    func testRoundTrip() throws {
        XCTAssertEqual(try SafeTensors.decode(sample.encoded(), path: "m.safetensors"), sample)
    }

    func testDamagedFilesAreRejectedWithTheReason() {
        let bytes = sample.encoded()
        func message(_ damaged: [UInt8]) -> String {
            do {
                _ = try SafeTensors.decode(damaged, path: "m.safetensors")
                return "accepted"
            } catch let error as NicaError {
                XCTAssertEqual(error.exitCode, 65)
                return error.description
            } catch { return "\(error)" }
        }
        XCTAssertEqual(message(Array(bytes.prefix(5))), "m.safetensors: not a valid safetensors model file: only 5 bytes")
        XCTAssertTrue(message(Array(bytes.dropLast(4))).contains("tensor 'b\"q' has data_offsets [24, 28] that do not match"))
        var notJSON = bytes
        notJSON[8] = UInt8(ascii: "x")
        XCTAssertEqual(message(notJSON), "m.safetensors: not a valid safetensors model file: the header is not a JSON object")
        // The header is ASCII: replace the second tensor's dtype in place (same length).
        let header = String(decoding: bytes[8..<(bytes.count - 28)], as: UTF8.self)
            .replacingOccurrences(of: "\"F32\",\"shape\":[1]", with: "\"F16\",\"shape\":[1]")
        let f16 = Array(bytes[0..<8]) + Array(header.utf8) + Array(bytes.suffix(28))
        XCTAssertEqual(f16.count, bytes.count)
        XCTAssertTrue(message(f16).contains("tensor 'b\"q' has dtype F16; nica models are F32"), message(f16))
    }
}
