import Foundation
import MaskFaceVision

/// One data series of a line chart: points in data units and a colour.
public struct ChartSeries: Sendable {
    public let label: String
    public let points: [(x: Double, y: Double)]
    public let color: Color

    public init(label: String, points: [(x: Double, y: Double)], color: Color) {
        self.label = label
        self.points = points
        self.color = color
    }
}

/// A rectangle of an image that draws one chart: frame, title, ticks and series.
///
/// Charts are drawn with OpenCV's primitives so that the toolkit needs no plotting
/// library; they aim to be read at a glance (YOLOv5's results.png, PR curve), not printed.
struct ChartPanel {
    /// The panel's area in the image, in pixels.
    let frame: PixelRect
    let title: String
    let xLabel: String
    let yLabel: String
    /// Data ranges mapped to the plot area; nil derives them from the series.
    var xRange: ClosedRange<Double>?
    var yRange: ClosedRange<Double>?

    static let axisColor = Color(red: 60, green: 60, blue: 60)
    static let gridColor = Color(red: 225, green: 225, blue: 225)
    static let textColor = Color(red: 30, green: 30, blue: 30)

    /// Plot area inside the frame, leaving room for the title and tick labels.
    var plotArea: PixelBox {
        PixelBox(x1: Double(frame.x + 46), y1: Double(frame.y + 26),
                 x2: Double(frame.x + frame.width - 10), y2: Double(frame.y + frame.height - 30))
    }

    func draw(_ series: [ChartSeries], on image: Image, legend: Bool = false) throws {
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) }
        let xSpan = xRange ?? Self.span(xs)
        let ySpan = yRange ?? Self.span(ys)
        try drawFrame(on: image, xSpan: xSpan, ySpan: ySpan)
        for entry in series {
            try drawLine(entry, on: image, xSpan: xSpan, ySpan: ySpan)
        }
        if legend { try drawLegend(series, on: image) }
    }

    private func drawFrame(on image: Image, xSpan: ClosedRange<Double>,
                           ySpan: ClosedRange<Double>) throws {
        let area = plotArea
        for step in 0...4 {
            let fraction = Double(step) / 4
            let y = area.y2 - fraction * area.height
            try image.drawLine(from: PixelPoint(x: area.x1, y: y),
                               to: PixelPoint(x: area.x2, y: y), color: Self.gridColor)
            let yValue = ySpan.lowerBound + fraction * (ySpan.upperBound - ySpan.lowerBound)
            try image.drawText(Self.format(yValue, span: ySpan),
                               at: PixelPoint(x: Double(frame.x + 2), y: y + 4),
                               fontScale: 0.33, color: Self.textColor)
            let x = area.x1 + fraction * area.width
            let xValue = xSpan.lowerBound + fraction * (xSpan.upperBound - xSpan.lowerBound)
            try image.drawText(Self.format(xValue, span: xSpan),
                               at: PixelPoint(x: x - 8, y: area.y2 + 13),
                               fontScale: 0.33, color: Self.textColor)
        }
        try image.drawRectangle(area, color: Self.axisColor, thickness: 1)
        try image.drawText(title, at: PixelPoint(x: area.x1, y: Double(frame.y + 17)),
                           fontScale: 0.45, color: Self.textColor)
        try image.drawText(xLabel, at: PixelPoint(x: area.x2 - 60, y: area.y2 + 26),
                           fontScale: 0.35, color: Self.textColor)
        if !yLabel.isEmpty {
            try image.drawText(yLabel, at: PixelPoint(x: area.x2 - 120, y: Double(frame.y + 17)),
                               fontScale: 0.35, color: Self.textColor)
        }
    }

    private func drawLine(_ series: ChartSeries, on image: Image, xSpan: ClosedRange<Double>,
                          ySpan: ClosedRange<Double>) throws {
        let area = plotArea
        let pixels = series.points.filter { $0.x.isFinite && $0.y.isFinite }.map { point in
            PixelPoint(
                x: area.x1 + (point.x - xSpan.lowerBound) / Self.width(xSpan) * area.width,
                y: area.y2 - (point.y - ySpan.lowerBound) / Self.width(ySpan) * area.height)
        }
        if pixels.count == 1, let only = pixels.first {
            try image.drawCircle(center: only, radius: 3, color: series.color)
        }
        for (start, end) in zip(pixels, pixels.dropFirst()) {
            try image.drawLine(from: start, to: end, color: series.color, thickness: 2)
        }
    }

    private func drawLegend(_ series: [ChartSeries], on image: Image) throws {
        let area = plotArea
        for (index, entry) in series.enumerated() {
            let y = area.y1 + 14 + Double(index) * 14
            try image.drawLine(from: PixelPoint(x: area.x2 - 150, y: y - 4),
                               to: PixelPoint(x: area.x2 - 132, y: y - 4),
                               color: entry.color, thickness: 2)
            try image.drawText(entry.label, at: PixelPoint(x: area.x2 - 128, y: y),
                               fontScale: 0.35, color: Self.textColor)
        }
    }

    /// Smallest to largest value, widened when flat so that a constant series is visible.
    static func span(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        if high - low < 1e-12 { return (low - 0.5)...(high + 0.5) }
        return low...high
    }

    static func width(_ range: ClosedRange<Double>) -> Double {
        max(range.upperBound - range.lowerBound, 1e-12)
    }

    /// Tick labels with as many decimals as a quarter of the range needs to tell ticks apart.
    static func format(_ value: Double, span: ClosedRange<Double>) -> String {
        let step = max((span.upperBound - span.lowerBound) / 4, 1e-9)
        let decimals = step >= 1 ? 0 : min(Int((-Foundation.log10(step)).rounded(.up)) + 1, 6)
        return String(format: "%.\(decimals)f", value)
    }
}
