/// The single number YOLOv5 uses to pick the best checkpoint.
///
/// YOLOv5 weights precision, recall, mAP@0.5 and mAP@0.5:0.95 by [0, 0, 0.1, 0.9], so
/// precision and recall do not influence which epoch is kept.
public enum Fitness {
    /// Weight of mAP@0.5 (YOLOv5's `fitness` in `utils/metrics.py`).
    public static let mapAt50Weight = 0.1
    /// Weight of mAP@0.5:0.95.
    public static let mapAt50To95Weight = 0.9

    /// `0.1 * mAP@0.5 + 0.9 * mAP@0.5:0.95`.
    public static func score(mapAt50: Double, mapAt50To95: Double) -> Double {
        mapAt50Weight * mapAt50 + mapAt50To95Weight * mapAt50To95
    }
}
