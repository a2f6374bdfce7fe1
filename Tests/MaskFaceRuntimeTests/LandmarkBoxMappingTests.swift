import Foundation
import MaskFaceRuntime
import MaskFaceVision
import Testing

/// The measurement behind `LandmarkBoxMapping.measured`: the trained detector and dlib's
/// HOG detector run on the same faces, and the mapping is fitted on the pairs they agree
/// on (IoU ≥ 0.3). Faces: the first 40 Kaggle test-split scene photos (HOG with one 2x
/// upsample, since their faces are small) and every unmasked mfr2-dev photo on a
/// `FaceCanvas` (HOG rarely finds masked faces: it needs the mouth and nose).
@Suite(.enabled(if: TestPaths.exists(TestPaths.trainedDetector)))
struct LandmarkBoxMappingTests {
    static func kaggleTestPhotos(limit: Int) throws -> [String] {
        let list = try String(contentsOfFile: TestPaths.reference
            + "/train-run/split/test.txt", encoding: .utf8)
        return list.split(separator: "\n").prefix(limit).map {
            "\(TestPaths.kaggleImages)/\($0)"
        }
    }

    /// (detector box, HOG box) for each face both found in `image`.
    static func pairs(in image: Image, detector: FaceDetector, hog: HOGFaceDetector,
                      upsample: Int) throws -> [(detector: PixelBox, dlib: PixelBox)]
    {
        let faces = try detector.detect(in: image).faces
        let dlibBoxes = try hog.detect(in: image, upsample: upsample).map(\.box)
        return faces.compactMap { face in
            let best = dlibBoxes.max {
                face.box.intersectionOverUnion($0) < face.box.intersectionOverUnion($1)
            }
            guard let best, face.box.intersectionOverUnion(best) >= 0.3 else { return nil }
            return (face.box, best)
        }
    }

    static func measure() throws -> (scene: [(detector: PixelBox, dlib: PixelBox)],
                                     aligned: [(detector: PixelBox, dlib: PixelBox)])
    {
        let detector = try FaceDetector(modelPath: TestPaths.trainedDetector)
        let hog = try HOGFaceDetector()
        var scene: [(detector: PixelBox, dlib: PixelBox)] = []
        for path in try kaggleTestPhotos(limit: 40) {
            scene += try pairs(in: Image(contentsOf: path), detector: detector, hog: hog,
                               upsample: 1)
        }
        var aligned: [(detector: PixelBox, dlib: PixelBox)] = []
        for photo in try MFR2.photos() where !photo.masked {
            let image = try Image(contentsOf: photo.path)
            let canvas = try FaceCanvas(photoWidth: image.width, photoHeight: image.height)
                .apply(to: image)
            aligned += try pairs(in: canvas, detector: detector, hog: hog, upsample: 0)
        }
        return (scene, aligned)
    }

    /// Refits the mapping and checks `LandmarkBoxMapping.measured` against it: offsets
    /// within 0.02 of the box size, scales within 0.03 (the constants are the fit rounded
    /// to three decimals; the margin allows OpenCV and dlib versions to move boxes by a
    /// pixel). Also checks that the mapped box overlaps dlib's far better than the raw one.
    @Test func measuredMappingMatchesTheFit() throws {
        let (scene, aligned) = try Self.measure()
        let all = scene + aligned
        let fit = try #require(LandmarkBoxMapping.fit(pairs: all))
        print("box mapping: \(scene.count) scene + \(aligned.count) aligned pairs; fit "
            + String(format: "offset (%.3f, %.3f), scale (%.3f, %.3f)",
                     fit.offsetX, fit.offsetY, fit.scaleX, fit.scaleY))
        #expect(scene.count >= 12 && aligned.count >= 20)
        let measured = LandmarkBoxMapping.measured
        #expect(abs(fit.offsetX - measured.offsetX) < 0.02)
        #expect(abs(fit.offsetY - measured.offsetY) < 0.02)
        #expect(abs(fit.scaleX - measured.scaleX) < 0.03)
        #expect(abs(fit.scaleY - measured.scaleY) < 0.03)
        let raw = all.map { $0.detector.intersectionOverUnion($0.dlib) }
        let mapped = all.map { measured.apply(to: $0.detector).intersectionOverUnion($0.dlib) }
        let meanRaw = raw.reduce(0, +) / Double(raw.count)
        let meanMapped = mapped.reduce(0, +) / Double(mapped.count)
        print(String(format: "  mean IoU with dlib's box: detector %.3f, mapped %.3f",
                     meanRaw, meanMapped))
        #expect(meanMapped > meanRaw + 0.05)
    }

    @Test func mappingMovesAndScalesAroundTheCentre() {
        let mapping = LandmarkBoxMapping(offsetX: 0.1, offsetY: -0.1, scaleX: 1.5, scaleY: 0.5)
        let box = mapping.apply(to: PixelBox(x1: 0, y1: 0, x2: 100, y2: 200))
        #expect(box == PixelBox(x1: -15, y1: 30, x2: 135, y2: 130))
    }
}
