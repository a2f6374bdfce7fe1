/// Precision, recall, F1 and average precision per class from ranked predictions, as
/// YOLOv5 v7.0's `ap_per_class` and `compute_ap` compute them (in double precision, with
/// NumPy's interpolation and summation order).
///
/// - P, R and F1 are read at one confidence for all classes: on a grid of 1000
///   confidences in 0...1, the one where the class-mean F1, smoothed by a box filter over
///   10% of the grid (101 points), is largest.
/// - AP is the area under the precision envelope (running maximum from the right),
///   sampled at 101 recall points and integrated with the trapezoid rule (COCO-style
///   101-point interpolation, though not COCO's matching).
enum AveragePrecision {
    /// One prediction's outcome: correct at each IoU threshold, confidence, class.
    struct RankedPrediction {
        var correct: [Bool]
        var confidence: Float
        var classIndex: Int
    }

    /// Per-class values; classes are those that have labels, ascending.
    struct Result {
        var classes: [Int]
        var labelCounts: [Int]
        var precision: [Double]
        var recall: [Double]
        var f1: [Double]
        /// `[classes][thresholds]`.
        var averagePrecision: [[Double]]
        /// `[classes][101]`: the precision envelope at IoU 0.5 sampled at recall 0, 0.01,
        /// ..., 1 (the curve of YOLOv5's PR_curve.png).
        var precisionEnvelopes: [[Double]]
        /// YOLOv5's estimates at the chosen confidence: `round(R * labels)` and
        /// `round(TP / P - TP)`.
        var truePositives: [Double]
        var falsePositives: [Double]
        /// Index into the 1000-point confidence grid where smoothed mean F1 peaks.
        var confidenceIndex: Int
    }

    static let gridSize = 1000
    static let smoothingFraction = 0.1
    /// NumPy-side epsilon of `ap_per_class`.
    static let epsilon = 1e-16

    static func compute(predictions: [RankedPrediction], labelClasses: [Int],
                        thresholdCount: Int) -> Result {
        let ranked = predictions.indices.sorted { first, second in
            let a = predictions[first].confidence
            let b = predictions[second].confidence
            return a != b ? a > b : first < second
        }.map { predictions[$0] }
        let counts = Dictionary(labelClasses.map { ($0, 1) }, uniquingKeysWith: +)
        let classes = counts.keys.sorted()
        let grid = LinearInterpolation.evenlySpaced(from: 0, to: 1, count: gridSize)
        let negatedGrid = grid.map { -$0 }
        var precisionCurves: [[Double]] = []
        var recallCurves: [[Double]] = []
        var averagePrecision: [[Double]] = []
        var envelopes: [[Double]] = []
        for classIndex in classes {
            let members = ranked.filter { $0.classIndex == classIndex }
            let curves = classCurves(
                members: members, labelCount: counts[classIndex] ?? 0,
                negatedGrid: negatedGrid, thresholdCount: thresholdCount)
            precisionCurves.append(curves.precision)
            recallCurves.append(curves.recall)
            averagePrecision.append(curves.averagePrecision)
            envelopes.append(curves.envelope)
        }
        var result = summarise(
            classes: classes, labelCounts: classes.map { counts[$0] ?? 0 },
            precisionCurves: precisionCurves, recallCurves: recallCurves,
            averagePrecision: averagePrecision)
        result.precisionEnvelopes = envelopes
        return result
    }

    /// Precision and recall on the confidence grid (at IoU 0.5) and AP per threshold.
    private static func classCurves(members: [RankedPrediction], labelCount: Int,
                                    negatedGrid: [Double], thresholdCount: Int)
        -> (precision: [Double], recall: [Double], averagePrecision: [Double],
            envelope: [Double])
    {
        let zeros = [Double](repeating: 0, count: negatedGrid.count)
        guard !members.isEmpty, labelCount > 0 else {
            return (zeros, zeros, [Double](repeating: 0, count: thresholdCount),
                    [Double](repeating: 0, count: recallPoints.count))
        }
        // Sample points: negated confidences, increasing because the ranking decreases.
        let negatedConfidences = members.map { -Double($0.confidence) }
        var precisionAt50: [Double] = []
        var recallAt50: [Double] = []
        var averagePrecision: [Double] = []
        for threshold in 0..<thresholdCount {
            var truePositives = 0
            var recall: [Double] = []
            var precision: [Double] = []
            for (rank, member) in members.enumerated() {
                truePositives += member.correct[threshold] ? 1 : 0
                let falsePositives = rank + 1 - truePositives
                recall.append(Double(truePositives) / (Double(labelCount) + epsilon))
                precision.append(
                    Double(truePositives) / Double(truePositives + falsePositives))
            }
            if threshold == 0 {
                precisionAt50 = precision
                recallAt50 = recall
            }
            averagePrecision.append(areaUnderEnvelope(recall: recall, precision: precision))
        }
        return (
            LinearInterpolation.values(
                at: negatedGrid, xp: negatedConfidences, fp: precisionAt50, left: 1),
            LinearInterpolation.values(
                at: negatedGrid, xp: negatedConfidences, fp: recallAt50, left: 0),
            averagePrecision,
            sampledEnvelope(recall: recallAt50, precision: precisionAt50)
        )
    }

    /// Recall values at which the precision envelope is sampled (COCO's 101 points).
    static let recallPoints = LinearInterpolation.evenlySpaced(from: 0, to: 1, count: 101)

    /// The precision envelope (running maximum from the right) at `recallPoints`.
    static func sampledEnvelope(recall: [Double], precision: [Double]) -> [Double] {
        let paddedRecall = [0.0] + recall + [1.0]
        var envelope = [1.0] + precision + [0.0]
        for index in stride(from: envelope.count - 2, through: 0, by: -1) {
            envelope[index] = Swift.max(envelope[index], envelope[index + 1])
        }
        return LinearInterpolation.values(at: recallPoints, xp: paddedRecall, fp: envelope)
    }

    /// `compute_ap`: 101-point interpolated area under the precision envelope.
    static func areaUnderEnvelope(recall: [Double], precision: [Double]) -> Double {
        let points = recallPoints
        let values = sampledEnvelope(recall: recall, precision: precision)
        let trapezoids = (0..<(points.count - 1)).map { index -> Double in
            let width: Double = points[index + 1] - points[index]
            let heights: Double = values[index + 1] + values[index]
            return width * heights / 2.0
        }
        return NumPySum.pairwise(trapezoids)
    }

    /// Picks the confidence of best smoothed mean F1 and reads P, R, F1 there.
    private static func summarise(classes: [Int], labelCounts: [Int],
                                  precisionCurves: [[Double]], recallCurves: [[Double]],
                                  averagePrecision: [[Double]]) -> Result {
        let f1Curves = zip(precisionCurves, recallCurves).map { precision, recall in
            zip(precision, recall).map { p, r in 2 * p * r / (p + r + epsilon) }
        }
        let meanF1 = (0..<gridSize).map { index in
            NumPySum.pairwise(f1Curves.map { $0[index] }) / Double(Swift.max(classes.count, 1))
        }
        let smoothed = boxFiltered(meanF1, fraction: smoothingFraction)
        var best = 0
        for index in smoothed.indices where smoothed[index] > smoothed[best] { best = index }
        let precision = precisionCurves.map { $0[best] }
        let recall = recallCurves.map { $0[best] }
        let truePositives = zip(recall, labelCounts).map {
            ($0 * Double($1)).roundedHalfToEven
        }
        let falsePositives = zip(truePositives, precision).map { tp, p in
            (tp / (p + epsilon) - tp).roundedHalfToEven
        }
        return Result(
            classes: classes, labelCounts: labelCounts, precision: precision, recall: recall,
            f1: f1Curves.map { $0[best] }, averagePrecision: averagePrecision,
            precisionEnvelopes: [], truePositives: truePositives,
            falsePositives: falsePositives, confidenceIndex: best)
    }

    /// YOLOv5's `smooth`: a centred moving average over `round(n * fraction * 2) // 2 + 1`
    /// points, padding each end with its edge value.
    static func boxFiltered(_ values: [Double], fraction: Double) -> [Double] {
        guard let first = values.first, let last = values.last else { return values }
        let width = Int((Double(values.count) * fraction * 2).roundedHalfToEven) / 2 + 1
        let half = width / 2
        let padded = [Double](repeating: first, count: half) + values
            + [Double](repeating: last, count: half)
        let weight = 1.0 / Double(width)
        return (0..<values.count).map { start in
            var total = 0.0
            for offset in 0..<width { total += padded[start + offset] * weight }
            return total
        }
    }
}

/// NumPy's summation order for float arrays (`add.reduce`), so sums of many terms agree
/// with YOLOv5's to the last bit: eight interleaved partial sums per block of up to 128
/// elements, halves of larger arrays summed recursively.
enum NumPySum {
    static func pairwise(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwise($0) }
    }

    private static func pairwise(_ values: UnsafeBufferPointer<Double>) -> Double {
        let count = values.count
        if count < 8 {
            var total = 0.0
            for value in values { total += value }
            return total
        }
        if count <= 128 {
            var partial = Array(values[0..<8])
            var index = 8
            while index < count - count % 8 {
                for lane in 0..<8 { partial[lane] += values[index + lane] }
                index += 8
            }
            var total = ((partial[0] + partial[1]) + (partial[2] + partial[3]))
                + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
            while index < count {
                total += values[index]
                index += 1
            }
            return total
        }
        let half = (count / 2) - (count / 2) % 8
        return pairwise(UnsafeBufferPointer(rebasing: values[0..<half]))
            + pairwise(UnsafeBufferPointer(rebasing: values[half..<count]))
    }
}
