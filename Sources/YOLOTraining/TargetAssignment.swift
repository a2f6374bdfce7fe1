import Torch

/// Which predictions each ground-truth box trains, on one detection level (YOLOv5's
/// `build_targets` for that level).
///
/// Entry `k` pairs the prediction at `[imageIndices[k], anchorIndices[k], gridY[k],
/// gridX[k]]` of the level's `[bs, anchors, ny, nx, 5+nc]` output with a target box and
/// class. Boxes are in grid units of this level: `targetBoxes` holds `(x, y)` relative to
/// the cell's top-left corner (in -0.5 ..< 1.5, since neighbouring cells also predict) and
/// `(w, h)`; `anchorSizes` holds the matched anchor's `(w, h)`.
public struct LevelTargets: Sendable, Equatable {
    public var imageIndices: [Int] = []
    public var anchorIndices: [Int] = []
    public var gridY: [Int] = []
    public var gridX: [Int] = []
    public var classes: [Int] = []
    /// `(x, y, w, h)` per pair, flattened: `[count * 4]`.
    public var targetBoxes: [Float] = []
    /// `(w, h)` per pair, flattened: `[count * 2]`.
    public var anchorSizes: [Float] = []

    public var count: Int { imageIndices.count }
}

/// YOLOv5 v7.0's target assignment, done on the CPU in Swift with float32 arithmetic in
/// the reference's order (the targets are few; the indices must match exactly).
///
/// A target is matched to every anchor whose width and height ratios to it are all within
/// `1 / anchorRatioThreshold ... anchorRatioThreshold`. Each match is assigned to the cell
/// containing the box centre and also to the two neighbouring cells nearest to the centre
/// (left or right, up or down) when the centre lies in that half of its cell and not in
/// the outermost cell.
public struct TargetAssigner: Sendable {
    /// Anchor sizes in grid units of each level: `[levels][anchors]` of `(w, h)`.
    public var anchors: [[SIMD2<Float>]]
    /// YOLOv5's `anchor_t` (4.0).
    public var anchorRatioThreshold: Float

    /// Offsets of the cell and its neighbours, in cells, scaled by the 0.5 bias: centre,
    /// left (x - 1), up (y - 1), right (x + 1), down (y + 1), in YOLOv5's block order.
    static let neighbourBias: Float = 0.5
    static let neighbourOffsets: [SIMD2<Float>] = [
        SIMD2(0, 0), SIMD2(0.5, 0), SIMD2(0, 0.5), SIMD2(-0.5, 0), SIMD2(0, -0.5),
    ]

    public init(anchors: [[SIMD2<Float>]], anchorRatioThreshold: Float = 4) {
        self.anchors = anchors
        self.anchorRatioThreshold = anchorRatioThreshold
    }

    /// Matches `targets` to predictions on every level.
    ///
    /// - Parameters:
    ///   - targets: rows `(imageIndex, class, cx, cy, w, h)`, box normalised to 0...1.
    ///   - gridSizes: `(ny, nx)` of each level, in the order of `anchors`.
    public func assign(targets: [[Float]], gridSizes: [(ny: Int, nx: Int)]) throws
        -> [LevelTargets]
    {
        guard gridSizes.count == anchors.count else {
            throw TrainingError.invalidArgument(
                "\(gridSizes.count) prediction levels but anchors for \(anchors.count)")
        }
        if let row = targets.first(where: { $0.count != 6 }) {
            throw TrainingError.shapeMismatch(
                what: "a target row", expected: "[6] (image, class, x, y, w, h)",
                actual: [row.count])
        }
        if targets.contains(where: { $0.contains { !$0.isFinite } }) {
            throw TrainingError.invalidArgument("targets contain a non-finite value")
        }
        return zip(anchors, gridSizes).map { levelAnchors, grid in
            assignLevel(targets: targets, anchors: levelAnchors, grid: grid)
        }
    }

    /// A target accepted by one anchor, in grid units of the level.
    private struct AnchorMatch {
        var target: Int
        var anchor: Int
        var centre: SIMD2<Float>
        var size: SIMD2<Float>
    }

    private func assignLevel(targets: [[Float]], anchors levelAnchors: [SIMD2<Float>],
                             grid: (ny: Int, nx: Int)) -> LevelTargets {
        let gain = SIMD2<Float>(Float(grid.nx), Float(grid.ny))
        let matches = anchorMatches(targets: targets, anchors: levelAnchors, gain: gain)
        var result = LevelTargets()
        // Block-major order: every match's own cell first, then each neighbour direction.
        for (block, offset) in TargetAssigner.neighbourOffsets.enumerated() {
            for match in matches
            where TargetAssigner.usesCell(block: block, centre: match.centre, gain: gain) {
                let row = targets[match.target]
                append(
                    to: &result, image: Int(row[0]), classIndex: Int(row[1]),
                    anchor: match.anchor, size: levelAnchors[match.anchor],
                    centre: match.centre, boxSize: match.size, offset: offset, grid: grid)
            }
        }
        return result
    }

    /// Targets within `anchorRatioThreshold` of each anchor, anchor-major (YOLOv5 repeats
    /// the target list once per anchor).
    private func anchorMatches(targets: [[Float]], anchors levelAnchors: [SIMD2<Float>],
                               gain: SIMD2<Float>) -> [AnchorMatch] {
        var matches: [AnchorMatch] = []
        for (anchorIndex, anchor) in levelAnchors.enumerated() {
            for (targetIndex, row) in targets.enumerated() {
                let size = SIMD2(row[4], row[5]) * gain
                let ratio = size / anchor
                let worst = Swift.max(
                    Swift.max(ratio.x, 1 / ratio.x), Swift.max(ratio.y, 1 / ratio.y))
                if worst < anchorRatioThreshold {
                    matches.append(
                        AnchorMatch(
                            target: targetIndex, anchor: anchorIndex,
                            centre: SIMD2(row[2], row[3]) * gain, size: size))
                }
            }
        }
        return matches
    }

    /// Whether offset block `block` (see `neighbourOffsets`) applies to a centre: the
    /// neighbour on a side is used when the centre lies in that half of its cell and the
    /// cell is not the outermost on that side.
    private static func usesCell(block: Int, centre: SIMD2<Float>, gain: SIMD2<Float>) -> Bool {
        let fromFar = gain - centre
        switch block {
        case 1: return centre.x.remainderModOne < neighbourBias && centre.x > 1
        case 2: return centre.y.remainderModOne < neighbourBias && centre.y > 1
        case 3: return fromFar.x.remainderModOne < neighbourBias && fromFar.x > 1
        case 4: return fromFar.y.remainderModOne < neighbourBias && fromFar.y > 1
        default: return true
        }
    }

    private func append(to result: inout LevelTargets, image: Int, classIndex: Int,
                        anchor: Int, size: SIMD2<Float>, centre: SIMD2<Float>,
                        boxSize: SIMD2<Float>, offset: SIMD2<Float>,
                        grid: (ny: Int, nx: Int)) {
        // Truncation toward zero, then clamping into the grid, as YOLOv5's `.long()` and
        // `clamp_`; the box offset is taken from the clamped cell.
        let shifted = centre - offset
        let cellX = Swift.min(Swift.max(Int(shifted.x), 0), grid.nx - 1)
        let cellY = Swift.min(Swift.max(Int(shifted.y), 0), grid.ny - 1)
        result.imageIndices.append(image)
        result.anchorIndices.append(anchor)
        result.gridY.append(cellY)
        result.gridX.append(cellX)
        result.classes.append(classIndex)
        result.targetBoxes += [
            centre.x - Float(cellX), centre.y - Float(cellY), boxSize.x, boxSize.y,
        ]
        result.anchorSizes += [size.x, size.y]
    }
}

extension Float {
    /// `self % 1` as PyTorch computes it for floats (Python's sign convention).
    var remainderModOne: Float {
        let remainder = truncatingRemainder(dividingBy: 1)
        return remainder < 0 ? remainder + 1 : remainder
    }
}
