import Foundation
import Testing
@testable import YOLO

/// The module tree's state dict against YOLOv5's (arch.json `state_dict`: names, shapes
/// and dtypes in order), so weights move between the two by name.
@Suite struct StateDictLayoutTests {
    static func referenceEntry(_ name: String) throws -> [String: Any] {
        let url = URL(fileURLWithPath: referenceFolder + "/arch.json")
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return try #require((all as? [String: Any])?[name] as? [String: Any])
    }

    @Test(arguments: ["yolov5n", "yolov5s"])
    func namesShapesAndOrderMatch(name: String) throws {
        let entry = try Self.referenceEntry(name)
        let rows = try #require(entry["state_dict"] as? [[Any]])
        let model = try DetectionModel(configNamed: name, classCount: 2,
                                       configFolder: modelConfigFolder)
        let state = model.stateDict()
        #expect(state.names == rows.compactMap { $0[0] as? String })
        for (row, (_, tensor)) in zip(rows, state) {
            #expect(tensor.shape == row[1] as? [Int], "\(row[0])")
            #expect(tensor.dtype.description == row[2] as? String, "\(row[0])")
        }
    }

    @Test func anchorsAreStoredInGridUnits() throws {
        let entry = try Self.referenceEntry("yolov5n")
        let expected = try #require(entry["anchors_grid_units"] as? [[[Double]]])
        let model = try DetectionModel(configNamed: "yolov5n", classCount: 2,
                                       configFolder: modelConfigFolder)
        #expect(try model.head.anchors.doubles() == expected.flatMap { $0.flatMap { $0 } })
        #expect(model.strides == [8, 16, 32])
    }

    @Test func detectionBiasesStartFromYOLOv5sPrior() throws {
        let model = try DetectionModel(configNamed: "yolov5n", classCount: 2,
                                       configFolder: modelConfigFolder)
        // Default init draws the bias from U(-1/sqrt(fanIn), 1/sqrt(fanIn)); the prior adds
        // log(8 / (640 / stride)^2) to objectness and log(0.6 / (nc - 0.99)) to classes.
        for (level, convolution) in model.head.convolutions.enumerated() {
            let bias = try #require(try convolution.bias?.doubles())
            let bound = 1 / Double(convolution.weight.size(1)).squareRoot()
            let stride = Double(model.strides[level])
            for anchor in 0..<3 {
                let row = Array(bias[(anchor * 7)..<(anchor * 7 + 7)])
                #expect(abs(row[4] - log(8 / pow(640 / stride, 2))) <= bound + 1e-6)
                #expect(abs(row[5] - log(0.6 / 1.01)) <= bound + 1e-6)
                #expect(abs(row[0]) <= bound + 1e-6)
            }
        }
    }
}
