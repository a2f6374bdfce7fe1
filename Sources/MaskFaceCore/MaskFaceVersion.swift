public enum MaskFaceVersion { public static let current = "0.1.0" }
