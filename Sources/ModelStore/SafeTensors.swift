import Foundation
import NicaCore

/// The safetensors container (huggingface/safetensors, the format PyTorch users load with
/// `safetensors.torch.load_file` or `safetensors.numpy.load_file`): an 8-byte little-endian
/// header length N, N bytes of UTF-8 JSON
/// `{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, …, "__metadata__": {string: string}}`
/// padded with spaces to a multiple of 8, then the tensors' raw little-endian bytes, offsets
/// relative to the end of the header, contiguous and in file order. Only F32 is used by nica.
public struct SafeTensors: Equatable, Sendable {
    public struct Tensor: Equatable, Sendable {
        public var name: String
        public var shape: [Int]
        /// Row-major (C order) values.
        public var values: [Float]

        public init(name: String, shape: [Int], values: [Float]) {
            precondition(shape.reduce(1, *) == values.count, "SafeTensors: \(name) has \(values.count) values for shape \(shape)")
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    /// Tensors in file order.
    public var tensors: [Tensor]
    /// Free-form string metadata (`__metadata__`).
    public var metadata: [String: String]

    public init(tensors: [Tensor], metadata: [String: String]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor called `name`, if the file holds one.
    public func tensor(named name: String) -> Tensor? { tensors.first { $0.name == name } }

    /// The file's bytes. The header lists tensors in file order and metadata keys sorted, so
    /// the same model always gives the same bytes.
    public func encoded() -> [UInt8] {
        var entries: [String] = []
        var offset = 0
        for t in tensors {
            let end = offset + 4 * t.values.count
            entries.append("\(jsonString(t.name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],"
                           + "\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        let meta = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }.joined(separator: ",")
        entries.append("\"__metadata__\":{\(meta)}")
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        header += [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes += $0 }
        bytes += header
        for t in tensors {
            for v in t.values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        }
        return bytes
    }

    /// Parses a safetensors file; `path` names it in errors.
    /// - Throws: `NicaError.badData` naming what is wrong (truncated header, bad JSON,
    ///   a dtype other than F32, offsets that do not match the shape or the file length).
    public static func decode(_ bytes: [UInt8], path: String) throws -> SafeTensors {
        func bad(_ message: String) -> NicaError {
            .badData(path: path, line: 0, column: 0, message: "not a valid safetensors model file: \(message)")
        }
        guard bytes.count >= 8 else { throw bad("only \(bytes.count) bytes") }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard length >= 2, length <= UInt64(bytes.count - 8) else {
            throw bad("header length \(length) does not fit in \(bytes.count) bytes")
        }
        let headerEnd = 8 + Int(length)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd])),
              let header = object as? [String: Any] else {
            throw bad("the header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        if let meta = header["__metadata__"] {
            guard let dictionary = meta as? [String: Any] else { throw bad("__metadata__ is not an object") }
            for (key, value) in dictionary {
                guard let string = value as? String else { throw bad("metadata '\(key)' is not a string") }
                metadata[key] = string
            }
        }
        let dataCount = bytes.count - headerEnd
        var located: [(begin: Int, tensor: Tensor)] = []
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw bad("tensor '\(name)' lacks dtype, shape or data_offsets")
            }
            guard dtype == "F32" else { throw bad("tensor '\(name)' has dtype \(dtype); nica models are F32") }
            let (begin, end) = (offsets[0], offsets[1])
            guard shape.allSatisfy({ $0 >= 0 }), begin >= 0, begin <= end, end <= dataCount,
                  end - begin == 4 * shape.reduce(1, *) else {
                throw bad("tensor '\(name)' has data_offsets [\(begin), \(end)] that do not match shape \(shape) or the file length")
            }
            var values = [Float](repeating: 0, count: (end - begin) / 4)
            for i in values.indices {
                let p = headerEnd + begin + 4 * i
                values[i] = Float(bitPattern: UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8
                                  | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24)
            }
            located.append((begin, Tensor(name: name, shape: shape, values: values)))
        }
        return SafeTensors(tensors: located.sorted { $0.begin < $1.begin }.map(\.tensor), metadata: metadata)
    }
}

/// A JSON string literal for `text`.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
