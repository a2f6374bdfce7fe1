/// Piecewise-linear interpolation with NumPy's `interp` arithmetic, written out because the
/// schedule and the metrics must reproduce YOLOv5's numbers to the last bits and Swift has
/// no such function.
///
/// Within a segment `xp[j] <= x < xp[j+1]` the value is `slope * (x - xp[j]) + fp[j]` with
/// `slope = (fp[j+1] - fp[j]) / (xp[j+1] - xp[j])`, exactly NumPy's order of operations, so
/// a learning rate read from YOLOv5's log compares bit for bit.
enum LinearInterpolation {
    /// Interpolates `x` on the increasing sample points `xp` with values `fp`.
    ///
    /// - Parameters:
    ///   - left: value for `x < xp[0]` (NumPy's default is `fp[0]`).
    ///   - right: value for `x > xp[last]` (NumPy's default is `fp[last]`).
    static func value(at x: Double, xp: [Double], fp: [Double], left: Double? = nil,
                      right: Double? = nil) -> Double {
        precondition(!xp.isEmpty && xp.count == fp.count, "interp needs equally long samples")
        let last = xp.count - 1
        if x > xp[last] { return right ?? fp[last] }
        if x < xp[0] { return left ?? fp[0] }
        let j = lastIndex(notAbove: x, in: xp)
        if j == last || xp[j] == x { return fp[j] }
        let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
        var result = slope * (x - xp[j]) + fp[j]
        if result.isNaN {
            // NumPy retries from the right end of the segment, then falls back to a flat
            // segment's value (infinite slopes from repeated sample points).
            result = slope * (x - xp[j + 1]) + fp[j + 1]
            if result.isNaN && fp[j] == fp[j + 1] { result = fp[j] }
        }
        return result
    }

    /// `value(at:)` for every element of `xs`.
    static func values(at xs: [Double], xp: [Double], fp: [Double], left: Double? = nil,
                       right: Double? = nil) -> [Double] {
        xs.map { value(at: $0, xp: xp, fp: fp, left: left, right: right) }
    }

    /// The largest index `j` with `xp[j] <= x`, for `xp[0] <= x` (binary search).
    private static func lastIndex(notAbove x: Double, in xp: [Double]) -> Int {
        var low = 0
        var high = xp.count
        while low < high {
            let middle = low + (high - low) / 2
            if x >= xp[middle] { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    /// `count` evenly spaced values from `start` to `end` inclusive, as `numpy.linspace`
    /// computes them (`start + i * step`, the last one exactly `end`).
    static func evenlySpaced(from start: Double, to end: Double, count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (end - start) / Double(count - 1)
        var result = (0..<count).map { start + Double($0) * step }
        result[count - 1] = end
        return result
    }
}

extension Double {
    /// Rounds half to even, as Python's `round` and NumPy's `round` do (2.5 -> 2).
    var roundedHalfToEven: Double { rounded(.toNearestOrEven) }
}
