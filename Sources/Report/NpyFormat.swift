/// NumPy's `.npy` format, version 1.0 (numpy.lib.format): the magic `\x93NUMPY`, version
/// bytes 1 0, a little-endian UInt16 header length, an ASCII Python-dict header padded with
/// spaces and ending in a newline so that the data start at a multiple of 64 bytes, then the
/// raw array. nica writes little-endian Float32 (`<f4`) in C (row-major) order, so
/// `numpy.load` gives the array with its shape and no copy.
public enum NpyFormat {
    /// The bytes of a `.npy` file holding `values`, a row-major array of shape `shape`.
    public static func encode(_ values: [Float], shape: [Int]) -> [UInt8] {
        precondition(shape.reduce(1, *) == values.count, "NpyFormat: shape \(shape) does not hold \(values.count) values")
        var bytes = header(shape: shape)
        bytes.reserveCapacity(bytes.count + 4 * values.count)
        for v in values {
            let bits = v.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes += $0 }
        }
        return bytes
    }

    /// The bytes before the data of a `<f4` array of shape `shape` (magic, version, header
    /// length, padded header); the little-endian Float32 values follow in C order.
    public static func header(shape: [Int]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(header.utf8.count)
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        return bytes
    }
}
