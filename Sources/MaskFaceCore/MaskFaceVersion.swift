/// The toolkit's version, shown by `maskface version` and written into run folders.
public enum MaskFaceVersion {
    public static let current = "0.1.0"
}
