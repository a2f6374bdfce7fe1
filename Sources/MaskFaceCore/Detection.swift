/// One detected object: box, confidence (objectness x class probability) and class.
///
/// In MaskFaceCore so that non-maximum suppression (`GreedySuppression`) works on it
/// without libtorch; YOLOTraining adds the conversions from and to tensors.
public struct Detection: Sendable, Equatable {
    public var box: BoxCorners
    public var confidence: Float
    public var classIndex: Int

    public init(box: BoxCorners, confidence: Float, classIndex: Int) {
        self.box = box
        self.confidence = confidence
        self.classIndex = classIndex
    }
}
