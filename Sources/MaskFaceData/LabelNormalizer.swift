import MaskFaceVision

/// Turns a sample's source objects into clean YOLO labels for an image of known size.
///
/// Boxes are mapped to mask/nomask, clipped to the image, and dropped when the class is
/// unknown or dropped by the mapping, when nothing of the box is left inside the image, or
/// when the same class and box appear twice. Every drop and clip is counted.
public struct LabelNormalizer: Sendable {
    public let mapping: ClassMapping

    public init(mapping: ClassMapping) {
        self.mapping = mapping
    }

    public func labels(for sample: SourceSample, imageWidth: Int, imageHeight: Int,
                       report: inout ImportReport) -> [BoxLabel] {
        var labels: [BoxLabel] = []
        var seen: Set<String> = []
        for object in sample.objects {
            guard let target = mapping.target(for: object.className) else {
                report.unknownClassNames[object.className, default: 0] += 1
                report.droppedBoxes[.unknownClass, default: 0] += 1
                continue
            }
            guard case .classIndex(let classIndex) = target else {
                report.droppedBoxes[.droppedClass, default: 0] += 1
                continue
            }
            let corners = pixelCorners(object.box, imageWidth: imageWidth,
                                       imageHeight: imageHeight)
            let clipped = corners.clipped(width: Double(imageWidth), height: Double(imageHeight))
            if clipped != corners { report.clippedBoxes += 1 }
            guard clipped.width > 0, clipped.height > 0 else {
                report.droppedBoxes[.zeroSize, default: 0] += 1
                continue
            }
            let label = BoxLabel(classIndex: classIndex, corners: clipped,
                                 imageWidth: imageWidth, imageHeight: imageHeight)
            guard seen.insert(label.line).inserted else {
                report.droppedBoxes[.duplicate, default: 0] += 1
                continue
            }
            labels.append(label)
        }
        return labels
    }

    private func pixelCorners(_ box: SourceObject.Box, imageWidth: Int,
                              imageHeight: Int) -> PixelBox {
        switch box {
        case .pixels(let corners):
            return corners
        case let .normalized(centerX, centerY, width, height):
            return BoxLabel(classIndex: 0, centerX: centerX, centerY: centerY, width: width,
                            height: height)
                .corners(imageWidth: imageWidth, imageHeight: imageHeight)
        }
    }
}

/// Counts of what an import kept and dropped, and the files it skipped.
public struct ImportReport: Sendable {
    public enum DropReason: String, Sendable, CaseIterable {
        case unknownClass = "unknown class"
        case droppedClass = "class mapped to drop"
        case zeroSize = "zero size after clipping"
        case duplicate = "duplicate"
    }

    public var keptImages = 0
    public var keptBoxes = [Int](repeating: 0, count: ClassMapping.canonicalNames.count)
    public var clippedBoxes = 0
    public var droppedBoxes: [DropReason: Int] = [:]
    public var unknownClassNames: [String: Int] = [:]
    public var skipped: [SourceProblem] = []

    public init() {}

    /// One line per fact, for the end of an import.
    public var summaryLines: [String] {
        let classes = zip(ClassMapping.canonicalNames, keptBoxes)
            .map { "\($1) \($0)" }.joined(separator: ", ")
        var lines = ["kept \(keptImages) images, \(keptBoxes.reduce(0, +)) boxes (\(classes))",
                     "skipped \(skipped.count) files"]
        if clippedBoxes > 0 { lines.append("clipped \(clippedBoxes) boxes to the image") }
        for reason in DropReason.allCases {
            if let count = droppedBoxes[reason] {
                lines.append("dropped \(count) boxes: \(reason.rawValue)")
            }
        }
        for (name, count) in unknownClassNames.sorted(by: { $0.key < $1.key }) {
            lines.append("unknown class '\(name)': \(count) boxes dropped "
                         + "(map it with --map \(name)=mask|nomask|drop)")
        }
        return lines
    }
}
