import CSQLite
import Foundation

/// A failure reported by SQLite, naming what the gallery was doing and the database file.
public struct GalleryError: Error, CustomStringConvertible, Sendable, Equatable {
    public let path: String
    public let operation: String
    public let message: String

    public var description: String { "\(path): \(operation): \(message)" }
}

/// One SQLite connection: the single place the runtime calls SQLite's C API. Every call
/// goes through `check`, which turns a failed result code into a `GalleryError`.
///
/// Not `Sendable`: a connection is used from one thread at a time.
final class SQLiteConnection {
    let path: String
    private let handle: OpaquePointer

    /// Opens (creating when needed) the database at `path`.
    init(path: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) }
                ?? String(cString: sqlite3_errstr(status))
            sqlite3_close(handle)
            throw GalleryError(path: path, operation: "open", message: message)
        }
        self.path = path
        self.handle = handle
        sqlite3_busy_timeout(handle, 5000)
    }

    deinit { sqlite3_close(handle) }

    /// Raises a `GalleryError` for any result other than the expected ones.
    func check(_ status: Int32, _ operation: @autoclosure () -> String,
               allowed: Set<Int32> = [SQLITE_OK]) throws
    {
        guard allowed.contains(status) else {
            throw GalleryError(path: path, operation: operation(),
                               message: String(cString: sqlite3_errmsg(handle)))
        }
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        try check(sqlite3_exec(handle, sql, nil, nil, nil), "run \(sql.prefix(60))")
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        try check(
            sqlite3_prepare_v2(handle, sql, -1, &statement, nil), "prepare \(sql.prefix(60))")
        guard let statement else {
            throw GalleryError(path: path, operation: "prepare", message: "empty statement")
        }
        return SQLiteStatement(connection: self, handle: statement)
    }

    var lastInsertedRow: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }
}

/// A prepared statement: bind, then step through rows.
final class SQLiteStatement {
    private let connection: SQLiteConnection
    private let handle: OpaquePointer

    fileprivate init(connection: SQLiteConnection, handle: OpaquePointer) {
        self.connection = connection
        self.handle = handle
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds values to `?` parameters 1, 2, ... (String, Double, Int64, Int, [UInt8]).
    func bind(_ values: [SQLiteValue]) throws {
        try connection.check(sqlite3_reset(handle), "reset statement")
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .text(let text): status = sqlite3_bind_text(handle, index, text, -1, transient)
            case .real(let number): status = sqlite3_bind_double(handle, index, number)
            case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
            case .blob(let bytes):
                status = bytes.withUnsafeBytes {
                    sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient)
                }
            }
            try connection.check(status, "bind parameter \(index)")
        }
    }

    /// Advances to the next row; false when the statement is done.
    func step() throws -> Bool {
        let status = sqlite3_step(handle)
        try connection.check(status, "step statement", allowed: [SQLITE_ROW, SQLITE_DONE])
        return status == SQLITE_ROW
    }

    /// Binds `values` and runs the statement to completion.
    func run(_ values: [SQLiteValue] = []) throws {
        try bind(values)
        while try step() {}
    }

    func text(_ column: Int32) -> String {
        sqlite3_column_text(handle, column).map { String(cString: $0) } ?? ""
    }

    func real(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let base = sqlite3_column_blob(handle, column) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: base, count: count))
    }
}

/// A value bound to a statement parameter.
enum SQLiteValue {
    case text(String)
    case real(Double)
    case integer(Int64)
    case blob([UInt8])
}

/// SQLite's SQLITE_TRANSIENT: copy bound text and blobs before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
