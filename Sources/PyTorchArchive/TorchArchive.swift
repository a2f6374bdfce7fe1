// Reading a torch.save zip archive into a PickleValue tree with tensors filled in.

/// Entry point for any `torch.save` file in the zip format (torch 1.6 and later).
///
/// The archive holds `<top>/data.pkl` (the pickled object), `<top>/data/<key>` (one raw
/// little-endian file per storage) and `<top>/version`; `<top>` is the file's stem when it
/// was saved, so it is found rather than assumed.
public enum TorchArchive {
    /// Unpickles the archive's object; tensors appear as `.tensor` values.
    public static func load(path: String) throws(CheckpointError) -> PickleValue {
        let archive = try ZipArchive(path: path)
        let top = try pickleFolder(of: archive)
        try refuseTorchScript(archive, top: top)
        try requireLittleEndian(archive, top: top)
        let storages = StorageTable(archive: archive, top: top)
        let hooks = PickleHooks(
            persistentLoad: { id throws(CheckpointError) in try storages.resolve(id) },
            reduce: { callable, arguments throws(CheckpointError) in
                try TorchTensorRebuild.reduce(callable, arguments, path: path)
            })
        let member = top + "data.pkl"
        let program = Array(try archive.contents(of: member))
        return try PickleMachine.run(path: path, member: member, bytes: program, hooks: hooks)
    }

    /// The folder prefix (`"best/"`) of the one `data.pkl` at the archive's second level.
    private static func pickleFolder(of archive: ZipArchive) throws(CheckpointError) -> String {
        let candidates = archive.entries.map(\.name).filter { name in
            name.hasSuffix("/data.pkl") && name.split(separator: "/").count == 2
        }
        guard let member = candidates.first else {
            let listed = archive.entries.prefix(3).map(\.name).joined(separator: ", ")
            throw CheckpointError(path: archive.path,
                problem: "zip archive has no <folder>/data.pkl, so it was not written by "
                    + "torch.save (members: \(listed.isEmpty ? "none" : listed))")
        }
        return String(member.dropLast("data.pkl".count))
    }

    /// torch.jit.save archives also have a data.pkl, but hold code instead of modules.
    private static func refuseTorchScript(
        _ archive: ZipArchive, top: String
    ) throws(CheckpointError) {
        let isScript = archive.entry(named: top + "constants.pkl") != nil
            || archive.entries.contains { $0.name.hasPrefix(top + "code/") }
        guard !isScript else {
            throw CheckpointError(path: archive.path,
                problem: "TorchScript archive (torch.jit.save); a torch.save checkpoint is needed")
        }
    }

    /// torch writes `byteorder` only since 2.1; without it the data is little-endian.
    private static func requireLittleEndian(
        _ archive: ZipArchive, top: String
    ) throws(CheckpointError) {
        guard archive.entry(named: top + "byteorder") != nil else { return }
        let order = String(decoding: try archive.contents(of: top + "byteorder"), as: UTF8.self)
        guard order.hasPrefix("little") else {
            // Swapping each element by its size would remove this limit.
            throw CheckpointError(path: archive.path,
                problem: "storages are \(order) byte order; only little-endian is read")
        }
    }
}

/// Storages by key, read once each: views of one storage share it.
private final class StorageTable {
    private let archive: ZipArchive
    private let top: String
    private var storages: [String: TorchStorage] = [:]

    init(archive: ZipArchive, top: String) {
        self.archive = archive
        self.top = top
    }

    /// `('storage', storage_type, key, location, numel)`; location (cpu, cuda:0) does not
    /// change the bytes, so it is ignored.
    func resolve(_ id: PickleValue) throws(CheckpointError) -> PickleValue {
        guard let parts = id.elements, parts.count >= 5, parts[0] == .string("storage"),
            let key = parts[2].string ?? parts[2].int.map(String.init),
            let count = parts[4].int, count >= 0
        else {
            throw CheckpointError(path: archive.path,
                problem: "unsupported persistent id \(id.kindName) (not a torch storage)")
        }
        let dataType = try TorchTensorRebuild.dataType(ofStorage: parts[1], path: archive.path)
        if let known = storages[key], known.dataType == dataType { return .storage(known) }
        let bytes = try archive.contents(of: top + "data/" + key)
        let needed = count * dataType.elementSize
        guard bytes.count >= needed else {
            throw CheckpointError(path: archive.path,
                problem: "storage \(key) holds \(bytes.count) bytes, but \(count) elements "
                    + "of \(dataType) need \(needed)")
        }
        let storage = TorchStorage(dataType: dataType, key: key,
                                   bytes: Array(bytes.prefix(needed)))
        storages[key] = storage
        return .storage(storage)
    }
}
