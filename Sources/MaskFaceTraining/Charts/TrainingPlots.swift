import Foundation
import MaskFaceVision

/// The pictures a training run leaves: loss and metric curves per epoch, the
/// precision-recall curve, and the confusion matrix, as in YOLOv5's run folders.
public enum TrainingPlots {
    static let seriesColor = Color(red: 31, green: 119, blue: 180)
    static let palette = [
        Color(red: 31, green: 119, blue: 180), Color(red: 255, green: 127, blue: 14),
        Color(red: 44, green: 160, blue: 44), Color(red: 214, green: 39, blue: 40),
        Color(red: 148, green: 103, blue: 189),
    ]

    /// `results.png`: ten panels (train losses, P, R, val losses, mAPs) over epochs.
    public static func results(_ rows: [EpochResult]) throws -> Image {
        let panels: [(String, KeyPath<EpochResult, Double>)] = [
            ("train/box_loss", \.trainBoxLoss), ("train/obj_loss", \.trainObjectnessLoss),
            ("train/cls_loss", \.trainClassLoss), ("metrics/precision", \.precision),
            ("metrics/recall", \.recall), ("val/box_loss", \.valBoxLoss),
            ("val/obj_loss", \.valObjectnessLoss), ("val/cls_loss", \.valClassLoss),
            ("metrics/mAP_0.5", \.mapAt50), ("metrics/mAP_0.5:0.95", \.mapAt50To95),
        ]
        let panelWidth = 300, panelHeight = 240
        let image = try Image(width: panelWidth * 5, height: panelHeight * 2, fill: .white)
        for (index, (title, value)) in panels.enumerated() {
            let frame = PixelRect(x: (index % 5) * panelWidth, y: (index / 5) * panelHeight,
                                  width: panelWidth, height: panelHeight)
            let points = rows.map { (x: Double($0.epoch), y: $0[keyPath: value]) }
            try ChartPanel(frame: frame, title: title, xLabel: "epoch", yLabel: "")
                .draw([ChartSeries(label: title, points: points, color: seriesColor)],
                      on: image)
        }
        return image
    }

    /// `PR_curve.png`: precision against recall at IoU 0.5 for each class, AP in the legend.
    public static func precisionRecall(
        _ curves: [(label: String, recall: [Double], precision: [Double])]
    ) throws -> Image {
        let image = try Image(width: 640, height: 480, fill: .white)
        let series = curves.enumerated().map { index, curve in
            ChartSeries(label: curve.label,
                        points: zip(curve.recall, curve.precision).map { (x: $0, y: $1) },
                        color: palette[index % palette.count])
        }
        var panel = ChartPanel(frame: PixelRect(x: 0, y: 0, width: 640, height: 480),
                               title: "Precision-Recall curve (IoU 0.5)", xLabel: "recall",
                               yLabel: "precision")
        panel.xRange = 0...1
        panel.yRange = 0...1
        try panel.draw(series, on: image, legend: true)
        return image
    }

    /// `confusion_matrix.png`: counts normalised per true class (columns), background last.
    /// - Parameter counts: `[predicted][true]`, both with a final background row/column.
    public static func confusionMatrix(_ counts: [[Int]], classNames: [String]) throws -> Image {
        let names = classNames + ["background"]
        let cell = 110, margin = 120
        let size = margin + cell * names.count + 20
        let image = try Image(width: size, height: size, fill: .white)
        let columnTotals = names.indices.map { column in
            counts.reduce(0) { $0 + ($1.indices.contains(column) ? $1[column] : 0) }
        }
        for row in names.indices {
            for column in names.indices {
                let count = counts.indices.contains(row) && counts[row].indices.contains(column)
                    ? counts[row][column] : 0
                let share = columnTotals[column] > 0
                    ? Double(count) / Double(columnTotals[column]) : 0
                try drawCell(on: image, x: margin + column * cell, y: margin + row * cell,
                             size: cell, share: share)
            }
        }
        try labelAxes(on: image, names: names, margin: margin, cell: cell)
        return image
    }

    private static func drawCell(on image: Image, x: Int, y: Int, size: Int,
                                 share: Double) throws {
        let shade = 255 - 200 * share
        let box = PixelBox(x1: Double(x), y1: Double(y), x2: Double(x + size - 2),
                           y2: Double(y + size - 2))
        try image.fillRectangle(box, color: Color(red: shade, green: shade, blue: 255))
        let text = String(format: "%.2f", share)
        try image.drawText(text, at: PixelPoint(x: Double(x + size / 2 - 18),
                                                y: Double(y + size / 2 + 5)),
                           fontScale: 0.5, color: share > 0.5 ? .white : ChartPanel.textColor)
    }

    private static func labelAxes(on image: Image, names: [String], margin: Int,
                                  cell: Int) throws {
        for (index, name) in names.enumerated() {
            let centre = Double(margin + index * cell + cell / 2)
            try image.drawText(name, at: PixelPoint(x: centre - 30, y: Double(margin - 10)),
                               fontScale: 0.45, color: ChartPanel.textColor)
            try image.drawText(name, at: PixelPoint(x: 8, y: centre + 5), fontScale: 0.45,
                               color: ChartPanel.textColor)
        }
        try image.drawText("true", at: PixelPoint(x: Double(margin + 10), y: 30),
                           fontScale: 0.55, color: ChartPanel.textColor)
        try image.drawText("predicted", at: PixelPoint(x: 8, y: Double(margin - 40)),
                           fontScale: 0.55, color: ChartPanel.textColor)
    }
}
