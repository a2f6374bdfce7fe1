import CTorch
public enum TorchLibrary { public static var version: String { String(cString: ctorch_version()) } }
