// Element conversion and strided materialisation, checked on hand-made values.
import Testing
@testable import PyTorchArchive

@Suite struct StoredTensorTests {
    /// (type, little-endian bytes of one element, expected Float), IEEE 754 encodings.
    @Test(arguments: [
        (TensorDataType.float16, [0x00, 0x3C] as [UInt8], Float(1)),
        (.float16, [0x00, 0xC0], -2),
        (.float16, [0x01, 0x00], 5.9604645e-08),  // smallest subnormal half
        (.float16, [0xFF, 0x7B], 65504),  // largest finite half
        (.bfloat16, [0x80, 0x3F], 1),
        (.float32, [0x00, 0x00, 0x00, 0x41], 8),
        (.float64, [0, 0, 0, 0, 0, 0, 0x30, 0x40], 16),
    ])
    func floatConversion(dataType: TensorDataType, bytes: [UInt8], expected: Float) {
        let tensor = StoredTensor(dataType: dataType, shape: [1], bytes: bytes)
        #expect(tensor.floatValues() == [expected])
        #expect(tensor.integerValues() == nil)
    }

    @Test func halfInfinityAndNaN() throws {
        let tensor = StoredTensor(dataType: .float16, shape: [2], bytes: [0x00, 0x7C, 0x01, 0x7C])
        let values = try #require(tensor.floatValues())
        #expect(values[0] == .infinity)
        #expect(values[1].isNaN)
    }

    @Test func integerConversion() {
        let tensor = StoredTensor(dataType: .int64, shape: [],
                                  bytes: [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(tensor.integerValues() == [-2])
        #expect(tensor.floatValues() == nil)
    }

    @Test func transposedViewIsMadeContiguous() throws {
        // A 2x3 view of a 3x2 row-major storage [0 1; 2 3; 4 5] with strides (1, 2).
        let storage = TorchStorage(dataType: .uint8, key: "0", bytes: [0, 1, 2, 3, 4, 5])
        let layout = StridedLayout(shape: [2, 3], strides: [1, 2], offset: 0)
        #expect(layout.gather(from: storage) == [0, 2, 4, 1, 3, 5])
    }

    @Test func offsetSliceAndOutOfRange() {
        let storage = TorchStorage(dataType: .int16, key: "0", bytes: [1, 0, 2, 0, 3, 0])
        #expect(StridedLayout(shape: [2], strides: [1], offset: 1).gather(from: storage)
            == [2, 0, 3, 0])
        #expect(StridedLayout(shape: [3], strides: [1], offset: 1).gather(from: storage) == nil)
        #expect(StridedLayout(shape: [0, 4], strides: [4, 1], offset: 0).gather(from: storage)
            == [])
    }
}
