import Foundation
import MaskFaceCore
import MaskFaceRuntime
import MaskFaceVision

/// Our pipeline's figures for one model, size and thread count.
struct PipelineTiming {
    /// Median milliseconds per stage over all images (0 for a stage that did not run).
    let medianStage: [PipelineStage: Double]
    /// Median of pre-process + inference + NMS per image: the part the reference tools do.
    let medianDetector: Double
    /// Median and mean end-to-end milliseconds per image, recognition included.
    let medianFrame: Double
    let meanFrame: Double
    let facesPerImage: Double
}

/// Runs detector → landmarks → face chip → descriptor → matcher over the benchmark images
/// with a gallery of 13 people x 2 classes (random descriptors; matching cost depends on
/// the count only), after 3 warm-up images.
enum PipelineRunner {
    static func time(model: String, images: [Image], threads: Int, models: DlibModels) throws
        -> PipelineTiming
    {
        try OpenCVLibrary.setThreadCount(threads)
        var generator = SeededGenerator(seed: 7)
        let gallery = (0..<26).map { index in
            GalleryEntry(
                name: "person\(index / 2)", faceClass: index % 2 == 0 ? .mask : .nomask,
                descriptor: FaceDescriptor(values: (0..<128).map { _ in
                    Float.random(in: -0.15...0.15, using: &generator)
                }), source: "random")
        }
        let pipeline = RecognitionPipeline(
            detector: try FaceDetector(modelPath: model),
            recognition: .init(models: models, matcher: FaceMatcher(entries: gallery)))
        for image in images.prefix(3) { _ = try pipeline.process(image) }
        var table = LatencyTable()
        var detectorTimes: [Double] = []
        var faces = 0
        let clock = ContinuousClock()
        for image in images {
            let start = clock.now
            let result = try pipeline.process(image)
            let elapsed = (clock.now - start).components
            table.record(result.timings, wallSeconds: Double(elapsed.seconds)
                + Double(elapsed.attoseconds) * 1e-18)
            let detector: [PipelineStage] = [.preprocess, .inference, .nms]
            detectorTimes.append(detector.reduce(0) { $0 + (result.timings.seconds[$1] ?? 0) }
                * 1000)
            faces += result.faces.count
        }
        var stages: [PipelineStage: Double] = [:]
        for row in table.rows { stages[row.stage] = row.medianMilliseconds }
        return PipelineTiming(
            medianStage: stages, medianDetector: Statistics.median(detectorTimes),
            medianFrame: table.medianFrameMilliseconds, meanFrame: table.meanFrameMilliseconds,
            facesPerImage: Double(faces) / Double(max(images.count, 1)))
    }
}
