import Foundation
import XCTest
import Features
import NicaCore
import TestSupport

final class FeatureConfigTests: XCTestCase {
    private func argument(of config: FeatureConfig, frames: Int) -> (String, String)? {
        do {
            try config.validate(frameCount: frames)
            return nil
        } catch let NicaError.invalidArgument(argument, message) {
            return (argument, message)
        } catch {
            XCTFail("unexpected error \(error)")
            return nil
        }
    }

    func testValidationErrors() throws {
        let tooLong = argument(of: FeatureConfig(window: 512, hop: 128, kind: .logpower), frames: 300)
        XCTAssertEqual(tooLong?.0, "--window")
        XCTAssertTrue(tooLong?.1.contains("512") == true && tooLong?.1.contains("300") == true, tooLong?.1 ?? "")

        let single = argument(of: FeatureConfig(window: 1, hop: 1, kind: .logpower), frames: 300)
        XCTAssertEqual(single?.0, "--window")
        XCTAssertEqual(argument(of: FeatureConfig(window: 1, hop: 1, kind: .magnitude), frames: 300)?.0, "--window")

        let hop = argument(of: FeatureConfig(window: 64, hop: 0, kind: .raw), frames: 300)
        XCTAssertEqual(hop?.0, "--hop")
        XCTAssertTrue(hop?.1.contains("0") == true)

        XCTAssertEqual(argument(of: FeatureConfig(window: 0, hop: 1, kind: .raw), frames: 300)?.0, "--window")
        XCTAssertEqual(argument(of: FeatureConfig(window: 64, hop: 1, kind: .magnitude, poolBins: 0), frames: 300)?.0, "--pool-bins")
        XCTAssertEqual(argument(of: FeatureConfig(window: 8, hop: 1, kind: .magnitude, poolBins: 6), frames: 300)?.0, "--pool-bins")

        XCTAssertNil(argument(of: FeatureConfig(window: 1, hop: 1, kind: .raw), frames: 1))
        XCTAssertNil(argument(of: FeatureConfig(window: 300, hop: 1000, kind: .logpower, poolBins: 151), frames: 300))

        // extract validates too.
        let signal = randomSignal(channels: 1, frames: 10, seed: 1)
        XCTAssertThrowsError(try FeatureExtractor.extract(signal: signal, config: FeatureConfig(window: 11, hop: 1, kind: .raw))) {
            XCTAssertEqual(($0 as? NicaError)?.exitCode, 64)
        }
    }

    func testCountsAndCoding() throws {
        let config = FeatureConfig(window: 256, hop: 128, kind: .logpower, poolBins: 4)
        XCTAssertEqual(config.binCount, 129)
        XCTAssertEqual(config.featuresPerChannel, 33)
        XCTAssertEqual(config.featureCount(channelCount: 3), 99)
        XCTAssertEqual(FeatureConfig(window: 16, hop: 1, kind: .raw).featureCount(channelCount: 2), 32)
        XCTAssertEqual(FeatureKind.allCases, [.raw, .magnitude, .logpower])

        let data = try JSONEncoder().encode(config)
        XCTAssertEqual(try JSONDecoder().decode(FeatureConfig.self, from: data), config)
        let old = Data(#"{"window": 64, "hop": 32, "kind": "magnitude"}"#.utf8)
        XCTAssertEqual(try JSONDecoder().decode(FeatureConfig.self, from: old),
                       FeatureConfig(window: 64, hop: 32, kind: .magnitude, poolBins: 1))
    }

    func testFeatureNames() {
        let names = FeatureExtractor.featureNames(config: FeatureConfig(window: 64, hop: 32, kind: .logpower),
                                                  channelNames: ["ch0", "ch1"], sampleRate: 20_000)
        XCTAssertEqual(names.count, 66)
        XCTAssertEqual(names[0], "ch0:0Hz")
        XCTAssertEqual(names[1], "ch0:312.5Hz")
        XCTAssertEqual(names[33], "ch1:0Hz")
        XCTAssertEqual(names[65], "ch1:10000Hz")

        let pooled = FeatureExtractor.featureNames(config: FeatureConfig(window: 64, hop: 32, kind: .magnitude, poolBins: 4),
                                                   channelNames: ["a"], sampleRate: 20_000)
        XCTAssertEqual(pooled.count, 9)
        XCTAssertEqual(pooled[1], "a:1250-2187.5Hz")
        XCTAssertEqual(pooled[8], "a:10000Hz")       // last group holds bin 32 alone

        XCTAssertEqual(FeatureExtractor.featureNames(config: FeatureConfig(window: 1024, hop: 1, kind: .magnitude),
                                                     channelNames: ["x"], sampleRate: 44_100)[1], "x:43.066Hz")
        XCTAssertEqual(FeatureExtractor.featureNames(config: FeatureConfig(window: 1, hop: 1, kind: .raw),
                                                     channelNames: ["L", "R"], sampleRate: 8000), ["L", "R"])
        XCTAssertEqual(FeatureExtractor.featureNames(config: FeatureConfig(window: 3, hop: 1, kind: .raw),
                                                     channelNames: ["L"], sampleRate: 8000), ["L:t+0", "L:t+1", "L:t+2"])
        XCTAssertEqual(FeatureExtractor.featureNames(config: FeatureConfig(window: 8, hop: 1, kind: .logpower, poolBins: 2),
                                                     channelNames: ["c"], sampleRate: 0), ["c:bin0-1", "c:bin2-3", "c:bin4"])
    }
}
