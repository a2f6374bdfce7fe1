// torch.nn.Module.state_dict() recomputed from pickled module objects.

/// Collects a pickled module tree's tensors under the names and in the order that
/// `state_dict()` gives them, so that weights can be matched key by key.
///
/// torch's order: a module's own `_parameters`, then its own persistent `_buffers`, then
/// each child in `_modules` order, names joined with dots. Entries that are None (a conv
/// without bias) are skipped, as are buffers listed in `_non_persistent_buffers_set`.
enum ModuleStateDict {
    typealias Entry = (name: String, tensor: StoredTensor)

    static func entries(
        of module: PickleObject, path: String
    ) throws(CheckpointError) -> [Entry] {
        var entries: [Entry] = []
        try collect(module, prefix: "", into: &entries, path: path)
        return entries
    }

    private static func collect(
        _ module: PickleObject, prefix: String, into entries: inout [Entry], path: String
    ) throws(CheckpointError) {
        let place = prefix.isEmpty ? "the model" : "module '\(prefix.dropLast())'"
        guard let parameters = module.attribute("_parameters")?.dictionary,
            let buffers = module.attribute("_buffers")?.dictionary,
            let children = module.attribute("_modules")?.dictionary
        else {
            throw CheckpointError(path: path,
                problem: "\(place) (\(module.type)) is not a torch.nn.Module: it lacks "
                    + "_parameters, _buffers or _modules")
        }
        let transient = Set(module.attribute("_non_persistent_buffers_set")?.elements?
            .compactMap(\.string) ?? [])
        for entry in parameters.entries + buffers.entries {
            guard let name = entry.key.string, !transient.contains(name) else { continue }
            switch entry.value {
            case .none: continue
            case .tensor(let tensor): entries.append((prefix + name, tensor))
            default:
                throw CheckpointError(path: path, problem: "\(place) holds a "
                    + "\(entry.value.kindName) where tensor '\(name)' belongs")
            }
        }
        for child in children.entries {
            guard let name = child.key.string, child.value != .none else { continue }
            guard let submodule = child.value.object else {
                throw CheckpointError(path: path, problem: "\(place) has a "
                    + "\(child.value.kindName) as its submodule '\(name)'")
            }
            try collect(submodule, prefix: prefix + name + ".", into: &entries, path: path)
        }
    }
}
