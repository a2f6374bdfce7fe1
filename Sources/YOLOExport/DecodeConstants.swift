/// The constant tensors of the exported decode `s * (s * B + A) + C` (see
/// `DetectHeadEmitter`) for one detection level, laid out `[anchor][cell][column]` with
/// columns `x, y, w, h, objectness, classes...`.
///
/// Every factor is a power of two times an exact value, so `s * 2d + (x - 0.5) d` rounds
/// exactly as YOLOv5's `(2s + x - 0.5) d` does, and the score columns come out as `s`.
struct DecodeConstants {
    let anchorsPerLevel: Int
    let outputsPerAnchor: Int
    /// Pixels per cell.
    let stride: Float
    /// `[w0, h0, w1, h1, ...]` in input pixels.
    let anchorPixels: [Float]

    /// B for one cell of every anchor, `[anchor][column]`: `4 aw`, `4 ah` in the w/h
    /// columns (`(2s)^2 a = s * s * 4a`), 0 elsewhere.
    func quadraticRow() -> [Float] {
        var values = [Float](repeating: 0, count: anchorsPerLevel * outputsPerAnchor)
        for anchor in 0..<anchorsPerLevel {
            let base = anchor * outputsPerAnchor
            values[base + 2] = 4 * anchorPixels[anchor * 2]
            values[base + 3] = 4 * anchorPixels[anchor * 2 + 1]
        }
        return values
    }

    /// A for one cell of every anchor: `2d` in the x/y columns, 0 in w/h, 1 for scores.
    func linearRow() -> [Float] {
        let row = (0..<outputsPerAnchor).map { column -> Float in
            column < 2 ? 2 * stride : (column < 4 ? 0 : 1)
        }
        return Array((0..<anchorsPerLevel).map { _ in row }.joined())
    }

    /// B repeated over `cells` cells: `[anchor][cell][column]`.
    func quadratic(cells: Int) -> [Float] {
        repeatOverCells(quadraticRow(), cells: cells)
    }

    func linear(cells: Int) -> [Float] {
        repeatOverCells(linearRow(), cells: cells)
    }

    /// C: `(x - 0.5) d` and `(y - 0.5) d` for cell `y * width + x`, the same for every
    /// anchor; 0 in the other columns.
    func offsets(width: Int, height: Int) -> [Float] {
        var values = [Float](repeating: 0, count: anchorsPerLevel * width * height
                                 * outputsPerAnchor)
        for anchor in 0..<anchorsPerLevel {
            for y in 0..<height {
                for x in 0..<width {
                    let base = ((anchor * height + y) * width + x) * outputsPerAnchor
                    values[base] = (Float(x) - 0.5) * stride
                    values[base + 1] = (Float(y) - 0.5) * stride
                }
            }
        }
        return values
    }

    /// `[anchor][column]` values to `[anchor][cell][column]`.
    private func repeatOverCells(_ row: [Float], cells: Int) -> [Float] {
        var values: [Float] = []
        values.reserveCapacity(row.count * cells)
        for anchor in 0..<anchorsPerLevel {
            let slice = row[(anchor * outputsPerAnchor)..<((anchor + 1) * outputsPerAnchor)]
            for _ in 0..<cells {
                values.append(contentsOf: slice)
            }
        }
        return values
    }
}
