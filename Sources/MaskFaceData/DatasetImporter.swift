import Foundation

/// The annotation formats `maskface dataset import` reads.
public enum SourceFormat: String, Sendable, CaseIterable {
    case yolo, voc, coco
}

/// Imports a source dataset into MaskFace's layout:
///
///     NAME/data.yaml           names [mask, nomask]; the split lists once a split exists
///     NAME/images/<stem>.<ext> images copied unchanged
///     NAME/labels/<stem>.txt   YOLO labels, one `class cx cy w h` line per box
///     NAME/{train,val,test}.txt the source's own split, when it has one
///
/// The dataset is written into a temporary sibling folder and renamed into place at the
/// end, so an interrupted import leaves no half-written dataset, and an existing dataset
/// is never overwritten.
public struct DatasetImporter {
    /// Decodes an image and returns its size; throws a one-line error for a bad image.
    public typealias ImageInspector = (String) throws -> (width: Int, height: Int)

    public let format: SourceFormat
    public let mapping: ClassMapping
    public let inspectImage: ImageInspector

    public init(format: SourceFormat, mapping: ClassMapping,
                inspectImage: @escaping ImageInspector) {
        self.format = format
        self.mapping = mapping
        self.inspectImage = inspectImage
    }

    /// Reads `source`, writes the dataset to `output`, and returns what was kept and skipped.
    /// - Parameter progress: called with (images done, images total) as the import goes.
    public func run(source: String, output: String,
                    progress: (Int, Int) -> Void = { _, _ in }) throws -> ImportReport {
        guard FileManager.default.fileExists(atPath: source) else {
            throw SourceProblem(path: source, problem: "no such folder")
        }
        guard !FileManager.default.fileExists(atPath: output) else {
            throw SourceProblem(path: output, problem: "already exists; choose another --out "
                                + "or remove it first")
        }
        let listing = try read(source)
        var report = ImportReport()
        report.skipped = listing.skipped

        let staging = output + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: staging)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        var writer = try DatasetWriter(folder: staging)
        for (index, sample) in listing.samples.enumerated() {
            write(sample, with: &writer, report: &report)
            progress(index + 1, listing.samples.count)
        }
        try writer.finish(sourceDescription: "\(format.rawValue) export at \(source)")
        try FileManager.default.moveItem(atPath: staging, toPath: output)
        return report
    }

    private func read(_ source: String) throws -> SourceListing {
        switch format {
        case .yolo: return try YOLOExportReader.read(folder: source)
        case .voc: return VOCReader.read(folder: source)
        case .coco: return try COCOReader.read(folder: source)
        }
    }

    private func write(_ sample: SourceSample, with writer: inout DatasetWriter,
                       report: inout ImportReport) {
        do {
            let size = try inspectImage(sample.imagePath)
            if let declared = sample.declaredSize,
               declared.width != size.width || declared.height != size.height {
                throw SourceProblem(
                    path: sample.annotationPath,
                    problem: "declares \(declared.width)x\(declared.height) but the image "
                        + "\(sample.imagePath) is \(size.width)x\(size.height)")
            }
            let labels = LabelNormalizer(mapping: mapping).labels(
                for: sample, imageWidth: size.width, imageHeight: size.height, report: &report)
            try writer.add(imagePath: sample.imagePath, labels: labels, split: sample.sourceSplit)
            report.keptImages += 1
            for label in labels { report.keptBoxes[label.classIndex] += 1 }
        } catch let problem as SourceProblem {
            report.skipped.append(problem)
        } catch {
            report.skipped.append(SourceProblem(path: sample.imagePath, problem: "\(error)"))
        }
    }
}
