import Foundation
import MaskFaceVision

/// Grouped bars: one group per label, one bar per series, values labelled on top.
enum BarChart {
    static func draw(title: String, groups: [(label: String, values: [Double])],
                     seriesNames: [String]) throws -> Image {
        let width = max(160 + groups.count * 90, 480), height = 400
        let image = try Image(width: width, height: height, fill: .white)
        let area = PixelBox(x1: 60, y1: 50, x2: Double(width - 20), y2: Double(height - 50))
        let top = max(groups.flatMap(\.values).max() ?? 0, 1e-6) * 1.15
        try image.drawText(title, at: PixelPoint(x: 60, y: 28), fontScale: 0.5,
                           color: ChartPanel.textColor)
        try image.drawRectangle(area, color: ChartPanel.axisColor, thickness: 1)
        let groupWidth = area.width / Double(max(groups.count, 1))
        let barWidth = groupWidth * 0.7 / Double(max(seriesNames.count, 1))
        for (groupIndex, group) in groups.enumerated() {
            let left = area.x1 + Double(groupIndex) * groupWidth + groupWidth * 0.15
            for (seriesIndex, value) in group.values.enumerated() {
                let x1 = left + Double(seriesIndex) * barWidth
                let y1 = area.y2 - value / top * area.height
                let color = TrainingPlots.palette[seriesIndex % TrainingPlots.palette.count]
                try image.fillRectangle(PixelBox(x1: x1, y1: y1, x2: x1 + barWidth - 2,
                                                 y2: area.y2), color: color)
                try image.drawText(String(format: "%.3f", value),
                                   at: PixelPoint(x: x1, y: y1 - 4), fontScale: 0.33,
                                   color: ChartPanel.textColor)
            }
            try image.drawText(group.label, at: PixelPoint(x: left, y: area.y2 + 18),
                               fontScale: 0.4, color: ChartPanel.textColor)
        }
        for (index, name) in seriesNames.enumerated() {
            let x = area.x2 - 120, y = area.y1 + 18 + Double(index) * 16
            let color = TrainingPlots.palette[index % TrainingPlots.palette.count]
            try image.fillRectangle(PixelBox(x1: x, y1: y - 9, x2: x + 14, y2: y + 1),
                                    color: color)
            try image.drawText(name, at: PixelPoint(x: x + 20, y: y), fontScale: 0.4,
                               color: ChartPanel.textColor)
        }
        return image
    }
}
