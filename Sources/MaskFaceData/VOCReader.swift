import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MaskFaceVision

/// Reads a Pascal VOC folder: one XML file per image (`<filename>`, `<size>`, `<object>`s
/// with `<name>` and `<bndbox>` pixel corners), images beside the XML or in `images/`.
public enum VOCReader {
    /// Lists every XML annotation under `folder` (searched recursively) with its image.
    public static func read(folder: String) -> SourceListing {
        var listing = SourceListing()
        let xmlFiles = DatasetFiles.files(under: folder, extensions: ["xml"])
        let images = DatasetFiles.imagesByStem(under: folder)
        for xmlPath in xmlFiles {
            do {
                listing.samples.append(try sample(xmlPath: xmlPath, images: images))
            } catch let problem as SourceProblem {
                listing.skipped.append(problem)
            } catch {
                listing.skipped.append(SourceProblem(path: xmlPath, problem: "\(error)"))
            }
        }
        return listing
    }

    static func sample(xmlPath: String, images: [String: String]) throws -> SourceSample {
        guard let data = FileManager.default.contents(atPath: xmlPath) else {
            throw SourceProblem(path: xmlPath, problem: "cannot read the file")
        }
        let document = try VOCDocument.parse(data, path: xmlPath)
        let stem = URL(fileURLWithPath: xmlPath).deletingPathExtension().lastPathComponent
        let declaredStem = document.fileName.map {
            URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent
        }
        guard let imagePath = images[stem] ?? declaredStem.flatMap({ images[$0] }) else {
            throw SourceProblem(path: xmlPath, problem: "no image named \(stem).* beside it")
        }
        return SourceSample(imagePath: imagePath, annotationPath: xmlPath,
                            declaredSize: document.size, objects: document.objects)
    }
}

/// The parts of one VOC XML file that matter for detection.
struct VOCDocument {
    var fileName: String?
    var size: (width: Int, height: Int)?
    var objects: [SourceObject] = []

    static func parse(_ data: Data, path: String) throws -> VOCDocument {
        let delegate = VOCParserDelegate(path: path)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
            throw SourceProblem(path: path, problem: "line \(parser.lineNumber): \(reason)")
        }
        if let problem = delegate.problem { throw problem }
        guard delegate.closedRoot else {
            // FoundationXML accepts a document cut off inside its root element.
            throw SourceProblem(path: path, problem: "line \(parser.lineNumber): the "
                                + "<annotation> element is not closed (truncated file?)")
        }
        return delegate.document
    }
}

/// Collects `<filename>`, `<size>` and `<object>` elements while XMLParser walks the file.
private final class VOCParserDelegate: NSObject, XMLParserDelegate {
    let path: String
    var document = VOCDocument()
    var problem: SourceProblem?
    /// Whether the root `<annotation>` element ended, i.e. the file is complete.
    var closedRoot = false
    private var elementPath: [String] = []
    private var text = ""
    private var fields: [String: String] = [:]

    init(path: String) {
        self.path = path
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elementPath.append(name)
        text = ""
        if name == "object" { fields = [:] }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
                qualifiedName: String?) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = elementPath.dropLast().last ?? ""
        switch (parent, name) {
        case ("annotation", "filename"): document.fileName = value
        case ("size", _), ("bndbox", _): fields["\(parent).\(name)"] = value
        case ("object", "name"): fields["name"] = value
        case (_, "size"): document.size = readSize(parser)
        case (_, "object"): readObject(parser)
        case ("", "annotation"): closedRoot = true
        default: break
        }
        elementPath.removeLast()
        text = ""
    }

    private func readSize(_ parser: XMLParser) -> (Int, Int)? {
        guard let width = fields["size.width"].flatMap(Int.init),
              let height = fields["size.height"].flatMap(Int.init), width > 0, height > 0
        else { return nil }
        return (width, height)
    }

    private func readObject(_ parser: XMLParser) {
        let corners = ["xmin", "ymin", "xmax", "ymax"].map { fields["bndbox.\($0)"] }
        let numbers = corners.compactMap { $0.flatMap(Double.init) }
        guard let name = fields["name"], !name.isEmpty, numbers.count == 4 else {
            problem = problem ?? SourceProblem(
                path: path, problem: "line \(parser.lineNumber): an <object> needs <name> and "
                    + "numeric <bndbox> xmin, ymin, xmax, ymax")
            return
        }
        let box = PixelBox(x1: numbers[0], y1: numbers[1], x2: numbers[2], y2: numbers[3])
        document.objects.append(SourceObject(className: name, box: .pixels(box)))
    }
}
