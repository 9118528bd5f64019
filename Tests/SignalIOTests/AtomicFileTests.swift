import Foundation
import NicaCore
import SignalIO
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class AtomicFileTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestSupport.makeTemporaryDirectory("nica-atomic")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private struct Boom: Error {}

    private func mode(_ path: String) -> mode_t {
        var status = stat()
        XCTAssertEqual(stat(path, &status), 0)
        return status.st_mode & 0o7777
    }

    func testWritesBytesWithNormalPermissionsAndNoLeftovers() throws {
        let path = directory + "/out.bin"
        try AtomicFile.write([1, 2, 3, 0, 255] as [UInt8], to: path)
        XCTAssertEqual(Fixtures.bytes(at: path), [1, 2, 3, 0, 255])
        XCTAssertEqual(Fixtures.listing(directory), ["out.bin"])
        // Not mkstemp's 0600: what open(2) with 0666 and the umask would have given.
        let mask = umask(0o022)
        umask(mask)
        XCTAssertEqual(mode(path), 0o666 & ~mask)
    }

    func testReplacesAndKeepsTheExistingMode() throws {
        let path = Fixtures.write("old", named: "f.txt", in: directory)
        XCTAssertEqual(chmod(path, 0o640), 0)
        try AtomicFile.write("new contents".utf8, to: path, sync: true)
        XCTAssertEqual(String(decoding: Fixtures.bytes(at: path), as: UTF8.self), "new contents")
        XCTAssertEqual(mode(path), 0o640)
        XCTAssertEqual(Fixtures.listing(directory), ["f.txt"])
    }

    func testThrowingBodyLeavesTargetUnchangedAndNoTemporaryFile() throws {
        let path = Fixtures.write("precious", named: "keep.txt", in: directory)
        var seenTemporary = ""
        XCTAssertThrowsError(try AtomicFile.write(to: path) { temporaryPath in
            seenTemporary = temporaryPath
            // Half a file is on disk when the failure strikes.
            let fd = open(temporaryPath, O_WRONLY | O_TRUNC)
            _ = write(fd, "half", 4)
            close(fd)
            throw Boom()
        }) { XCTAssertTrue($0 is Boom, "the body's error propagates unchanged") }
        XCTAssertTrue(seenTemporary.hasPrefix(directory + "/.keep.txt.tmp-"), seenTemporary)
        XCTAssertEqual(String(decoding: Fixtures.bytes(at: path), as: UTF8.self), "precious")
        XCTAssertEqual(Fixtures.listing(directory), ["keep.txt"])
    }

    func testClosureVariantCommitsWhatTheBodyWrote() throws {
        let path = directory + "/c.txt"
        try AtomicFile.write(to: path) { temporaryPath in
            XCTAssertNotEqual(temporaryPath, path)
            let fd = open(temporaryPath, O_WRONLY | O_TRUNC)
            _ = write(fd, "done", 4)
            close(fd)
        }
        XCTAssertEqual(String(decoding: Fixtures.bytes(at: path), as: UTF8.self), "done")
        XCTAssertEqual(Fixtures.listing(directory), ["c.txt"])
    }

    func testFailuresAreIOErrorsAndLeaveNothingBehind() {
        assertNicaError(try AtomicFile.write([1] as [UInt8], to: directory + "/no/such/dir/x")) {
            if case .io(_, let message) = $0 { return message.contains("No such file or directory") }
            return false
        }
        // The target is a non-empty directory: rename(2) fails after the data was written.
        let sub = directory + "/sub"
        XCTAssertEqual(mkdir(sub, 0o755), 0)
        Fixtures.write("x", named: "inside", in: sub)
        assertNicaError(try AtomicFile.write([1] as [UInt8], to: sub)) {
            if case .io(let path, let message) = $0 { return path == sub && message.contains("cannot replace") }
            return false
        }
        XCTAssertEqual(Fixtures.listing(directory), ["sub"])
        XCTAssertEqual(Fixtures.listing(sub), ["inside"])
    }

    func testRelativePathUsesTheCurrentDirectory() throws {
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(directory))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try AtomicFile.write([42] as [UInt8], to: "rel.bin")
        XCTAssertEqual(Fixtures.bytes(at: directory + "/rel.bin"), [42])
        XCTAssertEqual(Fixtures.listing(directory), ["rel.bin"])
    }
}
