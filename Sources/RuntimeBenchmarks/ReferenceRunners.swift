import Foundation

/// Timings of a reference tool on the benchmark images, in milliseconds per image.
struct ReferenceTiming {
    /// Median and mean forward-pass time.
    let medianInference: Double
    let meanInference: Double
    /// Mean pre-process and NMS / post-process time, as the tool reports them.
    let meanPreprocess: Double
    let meanPostprocess: Double
}

/// onnxruntime on the same ONNX file and images: YOLOv5's letterbox with OpenCV in
/// Python, a session with `intra_op_num_threads` = threads, 3 warm-up runs, then each
/// image timed alone (pre-process and forward; NMS is not run, so post-process is 0).
enum ONNXRuntimeRunner {
    static func time(python: String, model: String, images: [String], threads: Int) throws
        -> ReferenceTiming
    {
        let listing = NSTemporaryDirectory() + "maskface-bench-images-\(UUID().uuidString).txt"
        try images.joined(separator: "\n").write(toFile: listing, atomically: true,
                                                encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: listing) }
        let output = try Subprocess.run(
            python, ["-c", script, model, listing, "\(threads)"],
            environment: ["OMP_NUM_THREADS": "\(threads)"])
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("ORT ") }) else {
            throw Subprocess.Failure(description: "onnxruntime printed no timing:\n\(output)")
        }
        let numbers = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard numbers.count == 3 else {
            throw Subprocess.Failure(description: "cannot read '\(line)'")
        }
        return ReferenceTiming(medianInference: numbers[0], meanInference: numbers[1],
                               meanPreprocess: numbers[2], meanPostprocess: 0)
    }

    private static let script = """
        import sys, time, statistics, cv2, numpy as np, onnxruntime as ort
        model, listing, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(model, options, providers=['CPUExecutionProvider'])
        size = session.get_inputs()[0].shape[2]
        def letterbox(image):
            h, w = image.shape[:2]
            r = min(size / h, size / w)
            nw, nh = int(round(w * r)), int(round(h * r))
            if (nw, nh) != (w, h):
                image = cv2.resize(image, (nw, nh), interpolation=cv2.INTER_LINEAR)
            dw, dh = (size - nw) / 2, (size - nh) / 2
            top, bottom = int(round(dh - 0.1)), int(round(dh + 0.1))
            left, right = int(round(dw - 0.1)), int(round(dw + 0.1))
            image = cv2.copyMakeBorder(image, top, bottom, left, right, cv2.BORDER_CONSTANT,
                                       value=(114, 114, 114))
            blob = image[:, :, ::-1].transpose(2, 0, 1)[None].astype(np.float32) / 255
            return np.ascontiguousarray(blob)
        paths = open(listing).read().split('\\n')
        pre, inference = [], []
        for index, path in enumerate(paths[:3] + paths):
            start = time.perf_counter()
            blob = letterbox(cv2.imread(path))
            middle = time.perf_counter()
            session.run(None, {'images': blob})
            end = time.perf_counter()
            if index >= 3:
                pre.append((middle - start) * 1e3)
                inference.append((end - middle) * 1e3)
        print('ORT %.3f %.3f %.3f' % (statistics.median(inference),
                                      statistics.mean(inference), statistics.mean(pre)))
        """
}

/// ultralytics `detect.py` on the same checkpoint and images (`--nosave`, conf 0.25,
/// IoU 0.45, batch 1), with `OMP_NUM_THREADS` = threads. Its speed line gives the means;
/// its per-image lines give the forward times for the median. It letterboxes each image
/// to the smallest stride-multiple rectangle, so its inputs are smaller than ours.
enum DetectRunner {
    static func time(python: String, checkpoint: String, imageFolder: String, size: Int,
                     threads: Int) throws -> ReferenceTiming
    {
        let output = try Subprocess.run(
            python, ["-m", "yolov5.detect", "--weights", checkpoint, "--source", imageFolder,
                     "--img", "\(size)", "--nosave", "--device", "cpu"],
            environment: ["OMP_NUM_THREADS": "\(threads)"])
        let lines = output.split(separator: "\n")
        let perImage = lines.filter { $0.hasPrefix("image ") }.compactMap { line -> Double? in
            guard let last = line.split(separator: " ").last, last.hasSuffix("ms") else {
                return nil
            }
            return Double(last.dropLast(2))
        }
        guard let speed = lines.last(where: { $0.contains("Speed:") }) else {
            throw Subprocess.Failure(description: "detect.py printed no speed line")
        }
        let means = speed.split(separator: " ").filter { $0.hasSuffix("ms") }
            .compactMap { Double($0.dropLast(2)) }
        guard means.count == 3, !perImage.isEmpty else {
            throw Subprocess.Failure(description: "cannot read detect.py's '\(speed)'")
        }
        return ReferenceTiming(medianInference: Statistics.median(perImage),
                               meanInference: means[1], meanPreprocess: means[0],
                               meanPostprocess: means[2])
    }
}

enum Statistics {
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
