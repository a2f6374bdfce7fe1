import MaskFaceVision

/// One image of a dataset being imported, with its objects as the source describes them.
public struct SourceSample: Sendable {
    public let imagePath: String
    /// The file the labels came from (XML, JSON or txt), named in messages about them.
    public let annotationPath: String
    /// Image size the annotation declares, if it declares one (VOC `<size>`, COCO `images`).
    public let declaredSize: (width: Int, height: Int)?
    public let objects: [SourceObject]
    /// The source's own split (`train`, `valid`, `test`), when it has one.
    public let sourceSplit: String?

    public init(imagePath: String, annotationPath: String,
                declaredSize: (width: Int, height: Int)?, objects: [SourceObject],
                sourceSplit: String? = nil) {
        self.imagePath = imagePath
        self.annotationPath = annotationPath
        self.declaredSize = declaredSize
        self.objects = objects
        self.sourceSplit = sourceSplit
    }
}

/// One labelled object: its source class name and box.
public struct SourceObject: Sendable, Equatable {
    public enum Box: Sendable, Equatable {
        /// Absolute pixel corners (VOC, COCO).
        case pixels(PixelBox)
        /// Centre and size as fractions of the image (YOLO txt).
        case normalized(centerX: Double, centerY: Double, width: Double, height: Double)
    }

    public let className: String
    public let box: Box

    public init(className: String, box: Box) {
        self.className = className
        self.box = box
    }
}

/// A source file that cannot be used, with the reason; the import skips it and goes on.
public struct SourceProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}

/// What a reader found: the usable samples and the files it had to skip.
public struct SourceListing: Sendable {
    public var samples: [SourceSample] = []
    public var skipped: [SourceProblem] = []

    public init(samples: [SourceSample] = [], skipped: [SourceProblem] = []) {
        self.samples = samples
        self.skipped = skipped
    }
}
