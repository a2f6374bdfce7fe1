import Foundation

/// Text for the terminal and a Markdown summary for benchmarks/README.md.
enum Report {
    /// One line per comparison, printed as soon as both sides have run.
    static func progressLine(_ row: TrainingRow) -> String {
        let name = "\(row.configuration.model) \(row.configuration.imageSize)"
        var line = "\(name), \(row.threads) thr: ours \(describe(row.ours))"
        if let reference = row.reference {
            line += " | reference \(describe(reference)) (torch threads "
                + "\(row.referenceThreads ?? 0))"
            line += String(format: " | ours/reference %.2f", row.ratio ?? .nan)
        }
        return line + " | load \(row.load)"
    }

    private static func describe(_ times: IterationTimes) -> String {
        String(format: "%.1f img/s, %.3f s/it median (mean %.3f, max %.3f)",
               times.imagesPerSecond, times.median, times.mean, times.slowest)
    }

    static func markdown(rows: [TrainingRow], loader: LoaderThroughput.Result,
                         settings: BenchmarkSettings, loads: (start: String, end: String))
        -> String
    {
        var lines = [
            "| model | img | threads | ours img/s | reference img/s | ours / reference "
                + "| ours s/it median (mean, max) | reference s/it median (mean, max) "
                + "| load (1 min) |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for row in rows {
            let reference = row.reference
            let cells = [
                row.configuration.model, String(row.configuration.imageSize),
                String(row.threads), String(format: "%.1f", row.ours.imagesPerSecond),
                reference.map { String(format: "%.1f", $0.imagesPerSecond) } ?? "-",
                row.ratio.map { String(format: "%.2f", $0) } ?? "-",
                seconds(row.ours), reference.map(seconds) ?? "-", row.load,
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "| loader img/s (\(settings.loaderImageSize) px, mosaic, "
                    + "\(settings.workers) workers, no training) | loader CPU ms per image "
                    + "| training | training img/s | loader / training |",
                  "| --- | --- | --- | --- | --- |"]
        let loaderCells = String(format: "| %.1f | %.1f | ", loader.imagesPerSecond,
                                 loader.cpuMillisecondsPerImage)
        for row in rows where row.configuration.imageSize == settings.loaderImageSize {
            let sides = [("ours", row.ours)] + (row.reference.map { [("reference", $0)] } ?? [])
            for (side, times) in sides {
                let training = "\(side) \(row.configuration.model) "
                    + "\(row.configuration.imageSize), \(row.threads) threads"
                lines.append(loaderCells + training
                             + String(format: " | %.1f | %.1f |", times.imagesPerSecond,
                                      loader.imagesPerSecond / times.imagesPerSecond))
            }
        }
        if rows.isEmpty {
            lines.append(loaderCells + "- | - | - |")
        }
        lines += ["", "Load average (1, 5, 15 min) at start: \(loads.start); at end: "
                    + "\(loads.end)."]
        return lines.joined(separator: "\n")
    }

    private static func seconds(_ times: IterationTimes) -> String {
        String(format: "%.3f (%.3f, %.3f)", times.median, times.mean, times.slowest)
    }
}
