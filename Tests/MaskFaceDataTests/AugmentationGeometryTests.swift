import Foundation
import MaskFaceCore
import MaskFaceVision
import Testing
@testable import MaskFaceData

/// The exact cases of box geometry: transforms that must not move boxes at all, and
/// quarter turns, which map the pixel grid onto itself so boxes must follow exactly.
@Suite struct AugmentationGeometryTests {
    /// A 120 x 90 black image with a white rectangle over pixels [30, 70) x [20, 50), and
    /// its label (pixel corners on pixel edges).
    static func rectangleImage() throws -> (Image, PixelLabel) {
        let image = try Image(width: 120, height: 90, fill: .black)
        // cv::rectangle fills both corner pixels: [30, 69] x [20, 49] is [30, 70) x [20, 50).
        try image.fillRectangle(MaskFaceVision.PixelBox(x1: 30, y1: 20, x2: 69, y2: 49),
                                color: .white)
        let label = PixelLabel(BoxLabel(classIndex: 0, centerX: 50 / 120, centerY: 35 / 90,
                                        width: 40 / 120, height: 30 / 90),
                               width: 120, height: 90)
        return (image, label)
    }

    @Test func zeroRotationShearAndHueLeaveImageAndBoxesUnchanged() throws {
        let (image, label) = try Self.rectangleImage()
        let settings = OfflineAugmentation(outputsPerImage: 3)
        for seed in UInt64(0)..<3 {
            var generator = SeededGenerator(seed: seed)
            let (copy, labels) = try settings.augmentCopy(of: image, labels: [label],
                                                          partners: [], using: &generator)
            #expect(labels == [label])
            #expect(try copy.pixels() == image.pixels())
        }
    }

    @Test(arguments: [90.0, -90.0, 180.0])
    func quarterTurnsMapBoxesExactly(degrees: Double) throws {
        // A square image, so that a quarter turn about its centre keeps it in frame.
        let image = try Image(width: 100, height: 100, fill: .black)
        try image.fillRectangle(MaskFaceVision.PixelBox(x1: 20, y1: 10, x2: 49, y2: 29),
                                color: .white)
        let label = PixelLabel(BoxLabel(classIndex: 1, centerX: 0.35, centerY: 0.2,
                                        width: 0.3, height: 0.2), width: 100, height: 100)
        let transform = ProjectiveTransform.translation(x: 50, y: 50)
            .after(.rotation(degrees: degrees))
            .after(.translation(x: -50, y: -50))

        let rotated = try image.warpedAffine(matrix: transform.affineRows, width: 100,
                                             height: 100, interpolation: .nearest,
                                             border: .black)
        let moved = try #require(BoxCandidateFilter.standard.transform(
            [label], by: transform.onPixelEdges, width: 100, height: 100).first)

        // The white pixels of the rotated image span exactly the moved box.
        let gray = try rotated.converted(.bgrToGray).pixels()
        let white = (0..<100 * 100).filter { gray[$0] > 127 }
        let xs = white.map { $0 % 100 }, ys = white.map { $0 / 100 }
        let expected = [Double(xs.min() ?? -1), Double(ys.min() ?? -1),
                        Double((xs.max() ?? -2) + 1), Double((ys.max() ?? -2) + 1)]
        let box = [moved.box.x1, moved.box.y1, moved.box.x2, moved.box.y2]
        for (value, target) in zip(box, expected) {
            #expect(abs(value - target) < 1e-9, "\(degrees)°: box \(box), pixels \(expected)")
        }
        #expect(white.count == 30 * 20)
        #expect(moved.classIndex == 1)
    }
}
