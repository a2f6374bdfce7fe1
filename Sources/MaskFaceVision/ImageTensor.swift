import CVision

extension Image {
    /// The image as a [1, C, H, W] float32 tensor, each value `pixel * scale`.
    ///
    /// The defaults give YOLOv5's input: RGB (B and R swapped from BGR) in 0...1, equal to
    /// `cv2.dnn.blobFromImage(bgr, 1/255, swapRB=True)`. Gray images give C = 1.
    public func tensor(scale: Float = 1.0 / 255.0, swapRedBlue: Bool = true) throws
        -> FloatTensor
    {
        let count = channels * height * width
        let values = try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            try callShim("convert image to tensor") {
                cvision_image_to_blob(handle, scale, swapRedBlue, buffer.baseAddress, count, $0)
            }
            initialized = count
        }
        return try FloatTensor(shape: [1, channels, height, width], values: values)
    }
}
