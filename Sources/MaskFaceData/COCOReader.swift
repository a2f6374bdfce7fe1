import Foundation
import MaskFaceVision

/// Reads COCO detection JSON exports (`images`, `annotations` with `bbox` [x, y, w, h] in
/// pixels, `categories`), such as Roboflow's `<split>/_annotations.coco.json`.
///
/// Every `.json` file below the folder that has those three keys is read; images are found
/// beside the JSON file, in an `images/` folder next to it, or anywhere below the folder.
public enum COCOReader {
    public static func read(folder: String) throws -> SourceListing {
        let jsonFiles = DatasetFiles.files(under: folder, extensions: ["json"])
        var listing = SourceListing()
        var foundAny = false
        let allImages = DatasetFiles.imagesByName(under: folder)
        for path in jsonFiles {
            guard let document = try? COCODocument.load(path) else { continue }
            foundAny = true
            let split = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
            let splitName = YOLOExportReader.splitFolders.contains(split) ? split : nil
            add(document, jsonPath: path, split: splitName, images: allImages, to: &listing)
        }
        guard foundAny else {
            throw SourceProblem(path: folder, problem: "no COCO JSON file (with images, "
                                + "annotations and categories) below this folder")
        }
        return listing
    }

    private static func add(_ document: COCODocument, jsonPath: String, split: String?,
                            images: [String: String], to listing: inout SourceListing) {
        let folder = URL(fileURLWithPath: jsonPath).deletingLastPathComponent().path
        let names = Dictionary(document.categories.map { ($0.id, $0.name) },
                               uniquingKeysWith: { first, _ in first })
        let byImage = Dictionary(grouping: document.annotations, by: \.image_id)
        for image in document.images {
            let candidates = ["\(folder)/\(image.file_name)", "\(folder)/images/\(image.file_name)"]
            guard let imagePath = candidates.first(where: FileManager.default.fileExists)
                ?? images[URL(fileURLWithPath: image.file_name).lastPathComponent]
            else {
                listing.skipped.append(SourceProblem(
                    path: jsonPath, problem: "image \(image.file_name) (id \(image.id)) not found"))
                continue
            }
            var objects: [SourceObject] = []
            var problem: SourceProblem?
            for annotation in byImage[image.id] ?? [] {
                guard let name = names[annotation.category_id], annotation.bbox.count == 4 else {
                    problem = SourceProblem(path: jsonPath, problem: "annotation \(annotation.id) "
                                            + "of \(image.file_name): unknown category "
                                            + "\(annotation.category_id) or bbox not [x, y, w, h]")
                    break
                }
                let b = annotation.bbox
                let box = PixelBox(x1: b[0], y1: b[1], x2: b[0] + b[2], y2: b[1] + b[3])
                objects.append(SourceObject(className: name, box: .pixels(box)))
            }
            if let problem {
                listing.skipped.append(problem)
                continue
            }
            listing.samples.append(SourceSample(
                imagePath: imagePath, annotationPath: jsonPath,
                declaredSize: (image.width, image.height), objects: objects, sourceSplit: split))
        }
    }
}

/// The subset of COCO's detection format the importer reads.
struct COCODocument: Decodable {
    struct Image: Decodable {
        let id: Int
        let file_name: String
        let width: Int
        let height: Int
    }

    struct Annotation: Decodable {
        let id: Int
        let image_id: Int
        let category_id: Int
        let bbox: [Double]
    }

    struct Category: Decodable {
        let id: Int
        let name: String
    }

    let images: [Image]
    let annotations: [Annotation]
    let categories: [Category]

    static func load(_ path: String) throws -> COCODocument {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(COCODocument.self, from: data)
    }
}
