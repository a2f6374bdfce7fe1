import Testing

@testable import ONNXSupport
@testable import YOLOExport

@Suite struct ONNXContractTests {
    @Test(arguments: [(320, 6300), (160, 1575), (640, 25200)])
    func rowCounts(size: Int, rows: Int) {
        #expect(ONNXContract.rowCount(imageSize: size, strides: [8, 16, 32],
                                      anchorsPerLevel: 3) == rows)
    }

    @Test func namesRoundTrip() {
        let text = ONNXContract.namesMetadata(["mask", "nomask"])
        #expect(text == "{0: 'mask', 1: 'nomask'}")
        #expect(ONNXContract.parseNames(text) == ["mask", "nomask"])
        let awkward = ["it's", "back\\slash"]
        #expect(ONNXContract.parseNames(ONNXContract.namesMetadata(awkward)) == awkward)
    }

    @Test(arguments: ["", "{0: mask}", "{1: 'mask'}", "[0: 'a']", "{0: 'a' junk}"])
    func malformedNamesAreRefused(text: String) {
        #expect(ONNXContract.parseNames(text) == nil)
    }

    @Test func dynamicShapesUseNamedAxes() {
        #expect(ONNXContract.inputShape(imageSize: 320, dynamic: true)
                == [.named("batch"), .fixed(3), .named("height"), .named("width")])
        #expect(ONNXContract.outputShape(imageSize: 320, classCount: 2, strides: [8, 16, 32],
                                         anchorsPerLevel: 3, dynamic: false)
                == [.fixed(1), .fixed(6300), .fixed(7)])
    }

    /// ultralytics' own export (fixture README section 6) follows the contract.
    @Test(arguments: [(320, 6300), (160, 1575)])
    func referenceExportFollowsTheContract(size: Int, rows: Int) throws {
        let path = Fixtures.path("onnx/yolov5n-seed0-\(size).onnx")
        let summary = try ONNXModel(contentsOf: path).summary()
        let description = try ONNXContract.describe(summary)
        #expect(description == ONNXDetectorDescription(
            imageSize: size, isDynamic: false, classNames: ["mask", "nomask"], stride: 32,
            rowCount: rows))
        #expect(summary.nodeOperators.count == 264)
    }

    /// A graph with the right names but a 4-D output, and one without metadata.
    @Test func violationsAreReported() throws {
        let small = try ONNXModelTests.smallModel()
        let missingNames = #expect(throws: ONNXContractViolation.self) {
            _ = try ONNXContract.describe(try small.summary())
        }
        #expect(missingNames?.problem.contains("names") == true)
        try small.setMetadata("names", "{0: 'mask', 1: 'nomask'}")
        let wrongOutput = #expect(throws: ONNXContractViolation.self) {
            _ = try ONNXContract.describe(try small.summary())
        }
        #expect(wrongOutput?.problem.contains("output0") == true)
    }
}
