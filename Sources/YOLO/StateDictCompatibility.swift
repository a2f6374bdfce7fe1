import Torch

/// Decides whether a file's state dict fits a model, and says what differs when it does
/// not: the class count first (the most common mistake: weights trained for another
/// dataset), then the first missing, unexpected or differently shaped entry.
///
/// Entries are matched by name, so order does not matter; dtypes may differ (float16
/// files load into float32 models).
struct StateDictCompatibility {
    let model: DetectionModel
    /// What the file is called in messages ("checkpoint", "state dict").
    let fileKind: String

    func check(_ incoming: NamedTensors, path: String) throws {
        try checkClassCount(incoming, path: path)
        let expected = model.stateDict()
        let fail = { (problem: String) in ModelWeightsError(path: path, problem: problem) }
        for (name, tensor) in expected {
            guard let found = incoming[name] else {
                throw fail("\(fileKind) has no '\(name)' \(tensor.shape), which the model "
                           + "needs (\(counts(incoming, expected)))\(fusionHint(incoming))")
            }
            guard found.shape == tensor.shape else {
                throw fail("'\(name)' is \(found.shape) in the \(fileKind) but \(tensor.shape) "
                           + "in the model (\(model.config.name))")
            }
        }
        if let extra = incoming.names.first(where: { !expected.contains($0) }) {
            throw fail("\(fileKind) has '\(extra)', which the model does not have "
                       + "(\(counts(incoming, expected)))\(fusionHint(incoming))")
        }
    }

    /// Compares the detection head's output channels, `anchors * (5 + nc)`.
    private func checkClassCount(_ incoming: NamedTensors, path: String) throws {
        let key = "model.\(model.config.layers.count - 1).m.0.weight"
        guard let found = incoming[key], let channels = found.shape.first,
              let modelChannels = model.head.convolutions.first?.weight.shape.first,
              channels != modelChannels
        else { return }
        let anchors = model.head.anchorsPerLevel
        let foundClasses = channels % anchors == 0 ? "nc=\(channels / anchors - 5)" : "nc=?"
        throw ModelWeightsError(
            path: path,
            problem: "\(fileKind) has \(foundClasses) (detection head \(channels) channels) "
                + "but the model was built for nc=\(model.classCount) (\(modelChannels))")
    }

    private func counts(_ incoming: NamedTensors, _ expected: NamedTensors) -> String {
        "\(incoming.count) entries in the \(fileKind), \(expected.count) in the model"
    }

    /// Fused and unfused layouts differ by `bn.*` versus `conv.bias` entries.
    private func fusionHint(_ incoming: NamedTensors) -> String {
        let fileIsFused = !incoming.names.contains { $0.hasSuffix(".bn.weight") }
            && incoming.names.contains { $0.hasSuffix(".conv.bias") }
        guard fileIsFused != model.isFused else { return "" }
        return fileIsFused ? "; the file holds fused weights" : "; the model is fused"
    }
}
