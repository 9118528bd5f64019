import Foundation
import NicaCore
import XCTest

/// Small helpers shared by the SignalIO tests: files in a fresh temporary directory and
/// assertions on the exact `NicaError` case and location.
enum Fixtures {
    /// Writes `bytes` to `name` inside `directory` and returns the path.
    @discardableResult
    static func write(_ bytes: [UInt8], named name: String, in directory: String) -> String {
        let path = directory + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            fatalError("cannot create \(path)")
        }
        return path
    }

    /// Writes `text` as UTF-8.
    @discardableResult
    static func write(_ text: String, named name: String, in directory: String) -> String {
        write(Array(text.utf8), named: name, in: directory)
    }

    /// The bytes of the file at `path`.
    static func bytes(at path: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
        return [UInt8](data)
    }

    /// The names in `directory`, sorted (to check that no temporary file is left behind).
    static func listing(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// Bit patterns, so that -0.0 vs 0.0 and every last bit count as a difference.
    static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }
}

/// Asserts that `body` throws `NicaError.badData` at exactly `line` and `column`, with a
/// message containing `message`; returns the message for further checks.
@discardableResult
func assertBadData<T>(_ body: @autoclosure () throws -> T, line: Int, column: Int, message: String,
                      file: StaticString = #filePath, testLine: UInt = #line) -> String? {
    do {
        _ = try body()
        XCTFail("expected badData(\(line):\(column)) \"\(message)\", got a value", file: file, line: testLine)
    } catch let NicaError.badData(_, gotLine, gotColumn, gotMessage) {
        XCTAssertEqual(gotLine, line, "line; message: \(gotMessage)", file: file, line: testLine)
        XCTAssertEqual(gotColumn, column, "column; message: \(gotMessage)", file: file, line: testLine)
        XCTAssertTrue(gotMessage.contains(message), "\"\(gotMessage)\" lacks \"\(message)\"", file: file, line: testLine)
        return gotMessage
    } catch {
        XCTFail("expected badData, got \(error)", file: file, line: testLine)
    }
    return nil
}

/// Asserts that `body` throws a `NicaError` equal to what `matches` accepts.
func assertNicaError<T>(_ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line,
                        _ matches: (NicaError) -> Bool) {
    do {
        _ = try body()
        XCTFail("expected an error, got a value", file: file, line: line)
    } catch let error as NicaError {
        XCTAssertTrue(matches(error), "unexpected error: \(error)", file: file, line: line)
    } catch {
        XCTFail("expected a NicaError, got \(error)", file: file, line: line)
    }
}
