import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
// The SQLite library the driver vendors (its symbols prefixed `sqlite_nio_`): one copy of
// SQLite in the process, so that its file locks stay coherent between our connections and
// the driver's (two copies of SQLite in one process can corrupt a database).
import VaporCSQLite

/// Reads on SQLite, run where the request runs, on prepared statements kept for reuse.
///
/// The driver sends every query to a thread pool and back through futures, and prepares it
/// again each time: on the busiest pages that cost more than the queries (an indexed read of
/// a person takes microseconds; preparing it, a thread hop each way and decoding every column
/// through `Codable` took several times as long). Here each thread has its own connection,
/// opened read-only (`query_only`), with its prepared statements cached by their SQL, and a
/// query runs to its end on the calling thread. In WAL mode a reader never waits for a
/// writer, so the only wait is the query itself: reads kept here are indexed lookups and
/// pages of lists. Writes never come here (they go through `Store.writeDB`), and a statement
/// is always reset after its last row, so no read holds a snapshot open.
public final class SQLiteReads: Sendable {
    public let path: String
    private let key: Int
    private let state = NIOLockedValueBox(State())

    private struct State {
        var connections: [DirectConnection] = []
        var closed = false
    }

    private static let nextKey = NIOLockedValueBox(0)
    /// This thread's connections, by reader (tests run many applications in one process).
    private static let perThread = ThreadSpecificVariable<ThreadConnections>()
    private final class ThreadConnections { var byReader: [Int: DirectConnection] = [:] }

    public init(path: String) {
        self.path = path
        self.key = Self.nextKey.withLockedValue { $0 += 1; return $0 }
    }

    /// An `SQLDatabase` whose queries run on this thread's connection.
    public func database(logger: Logger, on eventLoop: any EventLoop) -> any SQLDatabase {
        ReadDatabase(reads: self, logger: logger, eventLoop: eventLoop)
    }

    /// Closes every connection; later reads fail. Call at shut-down.
    public func close() {
        let connections = state.withLockedValue { s -> [DirectConnection] in
            s.closed = true
            defer { s.connections = [] }
            return s.connections
        }
        for c in connections { c.close() }
    }

    /// How many connections are open (one per thread that has read).
    public var openConnections: Int { state.withLockedValue { $0.connections.count } }

    func connection() throws -> DirectConnection {
        let mine: ThreadConnections
        if let existing = Self.perThread.currentValue { mine = existing } else {
            mine = ThreadConnections()
            Self.perThread.currentValue = mine
        }
        if let c = mine.byReader[key], c.isOpen { return c }
        let c = try DirectConnection(path: path)
        let accepted = state.withLockedValue { s -> Bool in
            guard !s.closed else { return false }
            s.connections.append(c)
            return true
        }
        guard accepted else { c.close(); throw DirectConnectionError(message: "the database is closed", sql: "") }
        mine.byReader[key] = c
        return c
    }
}

struct DirectConnectionError: Error, CustomStringConvertible {
    var message: String
    var sql: String
    var description: String { sql.isEmpty ? "SQLite: \(message)" : "SQLite: \(message) in \(sql)" }
}

/// A connection of our own to the SQLite file and its prepared statements, kept by their
/// SQL: a thread's read-only connection for `SQLiteReads`, or the audit trail's writing one
/// (`SQLiteAuditWriter`). Used by one thread at a time; the lock is for `close()` at
/// shut-down, which comes from another thread.
final class DirectConnection: @unchecked Sendable {
    /// Whether statements that write are refused (`PRAGMA query_only`, and checked as each
    /// is prepared).
    let readOnly: Bool
    private let lock = NIOLock()
    private var handle: OpaquePointer?
    private var statements: [String: Prepared] = [:]
    /// Lists put their page's offset into the SQL, so the statements kept are bounded.
    static let statementLimit = 64

    final class Prepared {
        let handle: OpaquePointer
        let columns: ReadColumns
        init(handle: OpaquePointer, columns: ReadColumns) { self.handle = handle; self.columns = columns }
    }

    /// Opens the file; `pragmas` are run first (a read-only connection also gets
    /// `query_only`), and a connection always waits for a lock rather than fail at once (e.g.
    /// while another connection recovers the log).
    init(path: String, readOnly: Bool = true, pragmas: [String] = []) throws {
        self.readOnly = readOnly
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        let rc = sqlite_nio_sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite_nio_sqlite3_close(db) }
            throw DirectConnectionError(message: "\(message) (\(path))", sql: "")
        }
        handle = db
        for pragma in (readOnly ? ["PRAGMA query_only = 1"] : []) + ["PRAGMA busy_timeout = 10000"] + pragmas {
            guard sqlite_nio_sqlite3_exec(db, pragma, nil, nil, nil) == SQLITE_OK else {
                let message = String(cString: sqlite_nio_sqlite3_errmsg(db))
                close()
                throw DirectConnectionError(message: message, sql: pragma)
            }
        }
    }

    var isOpen: Bool { lock.withLock { handle != nil } }

    /// How many times SQLite has had to prepare a kept statement again (for tests).
    var reprepares: Int {
        lock.withLock { statements.values.reduce(0) { $0 + Int(sqlite_nio_sqlite3_stmt_status($1.handle, SQLITE_STMTSTATUS_REPREPARE, 0)) } }
    }

    func close() {
        lock.withLock {
            for s in statements.values { sqlite_nio_sqlite3_finalize(s.handle) }
            statements = [:]
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            handle = nil
        }
    }

    /// Runs one query to its end, calling `onRow` for each row.
    func run(_ sql: String, binds: [SQLiteData], onRow: (ReadRow) throws -> Void) throws {
        try lock.withLock {
            guard let db = handle else { throw DirectConnectionError(message: "the database is closed", sql: sql) }
            let statement = try prepared(sql, db)
            let stmt = statement.handle
            // Reset, ending the read; the bindings are all replaced next time. (Clearing them
            // would make SQLite prepare again any statement whose plan looked at a value.)
            defer { sqlite_nio_sqlite3_reset(stmt) }
            for (i, value) in binds.enumerated() {
                let rc = Self.bind(value, to: stmt, at: Int32(i + 1))
                guard rc == SQLITE_OK else { throw error(db, sql) }
            }
            while true {
                let rc = sqlite_nio_sqlite3_step(stmt)
                if rc == SQLITE_DONE { return }
                guard rc == SQLITE_ROW else { throw error(db, sql) }
                let n = statement.columns.names.count
                var values: [SQLiteData] = []
                values.reserveCapacity(n)
                for c in 0..<Int32(n) { values.append(Self.value(stmt, c)) }
                try onRow(ReadRow(columns: statement.columns, values: values))
            }
        }
    }

    private func prepared(_ sql: String, _ db: OpaquePointer) throws -> Prepared {
        if let s = statements[sql] { return s }
        if statements.count >= Self.statementLimit {
            for s in statements.values { sqlite_nio_sqlite3_finalize(s.handle) }
            statements = [:]
        }
        var stmt: OpaquePointer?
        let rc = sqlite_nio_sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(db, sql) }
        guard !readOnly || sqlite_nio_sqlite3_stmt_readonly(stmt) != 0 else {
            sqlite_nio_sqlite3_finalize(stmt)
            throw DirectConnectionError(message: "not a read", sql: sql)
        }
        var names: [String] = []
        for c in 0..<sqlite_nio_sqlite3_column_count(stmt) {
            names.append(sqlite_nio_sqlite3_column_name(stmt, c).map { String(cString: $0) } ?? "")
        }
        let s = Prepared(handle: stmt, columns: ReadColumns(names))
        statements[sql] = s
        return s
    }

    private func error(_ db: OpaquePointer, _ sql: String) -> DirectConnectionError {
        DirectConnectionError(message: String(cString: sqlite_nio_sqlite3_errmsg(db)), sql: sql)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ value: SQLiteData, to stmt: OpaquePointer, at i: Int32) -> Int32 {
        switch value {
        case .integer(let v): return sqlite_nio_sqlite3_bind_int64(stmt, i, Int64(v))
        case .float(let v): return sqlite_nio_sqlite3_bind_double(stmt, i, v)
        case .null: return sqlite_nio_sqlite3_bind_null(stmt, i)
        case .text(let v):
            return sqlite_nio_sqlite3_bind_text64(stmt, i, v, UInt64(v.utf8.count), transient, UInt8(SQLITE_UTF8))
        case .blob(let b):
            return b.withUnsafeReadableBytes { sqlite_nio_sqlite3_bind_blob64(stmt, i, $0.baseAddress, UInt64($0.count), transient) }
        }
    }

    /// As the driver reads a column (`SQLiteStatement.data(at:)`), so values decode the same.
    private static func value(_ stmt: OpaquePointer, _ c: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(stmt, c) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(stmt, c)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(stmt, c))
        case SQLITE_TEXT:
            guard let p = sqlite_nio_sqlite3_column_text(stmt, c) else { return .text("") }
            let n = Int(sqlite_nio_sqlite3_column_bytes(stmt, c))
            return .text(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
        case SQLITE_BLOB:
            let n = Int(sqlite_nio_sqlite3_column_bytes(stmt, c))
            var buffer = ByteBufferAllocator().buffer(capacity: n)
            if let p = sqlite_nio_sqlite3_column_blob(stmt, c) { buffer.writeBytes(UnsafeRawBufferPointer(start: p, count: n)) }
            return .blob(buffer)
        default: return .null
        }
    }
}

/// A statement's column names, shared by its rows.
final class ReadColumns: Sendable {
    let names: [String]
    /// Each name's length in bytes: a row's columns are looked up by name, and comparing two
    /// different names as Strings takes Unicode's slow path (a list page compares hundreds).
    private let lengths: [Int]
    init(_ names: [String]) { self.names = names; lengths = names.map(\.utf8.count) }

    func index(of column: String) -> Int? {
        let n = column.utf8.count
        for i in names.indices where lengths[i] == n && names[i] == column { return i }
        return nil
    }
}

/// A row read by `SQLiteReads`. Decodes as the driver's rows do (`SQLiteDataDecoder`), with
/// the common column types read directly.
struct ReadRow: SQLRow {
    let columns: ReadColumns
    let values: [SQLiteData]
    private static let decoder = SQLiteDataDecoder()

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index(of: column) != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let i = columns.index(of: column) else { return true }
        return values[i] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let i = columns.index(of: column) else {
            throw DecodingError.keyNotFound(ReadColumnKey(stringValue: column), .init(codingPath: [], debugDescription: "no column \(column)"))
        }
        let value = values[i]
        switch value {
        case .text(let s):
            if D.self == String.self { return s as! D }
            if D.self == String?.self { return Optional(s) as! D }
        case .integer(let n):
            if D.self == Int.self { return n as! D }
            if D.self == Bool.self, n == 0 || n == 1 { return (n == 1) as! D }
            if D.self == Date.self { return Self.date(Double(n)) as! D }
        case .float(let x):
            if D.self == Date.self { return Self.date(x) as! D }
        case .null:
            if D.self == String?.self { return String?.none as! D }
        default: break
        }
        return try Self.decoder.decode(D.self, from: value)
    }
}

extension ReadRow {
    /// A date stored as seconds since 1970, exactly as the driver reads it
    /// (`Date(sqliteData:)`: rounded to the microsecond from the reference date).
    static func date(_ secondsSince1970: Double) -> Date {
        let sinceReference = secondsSince1970 - Date.timeIntervalBetween1970AndReferenceDate
        return Date(timeIntervalSinceReferenceDate: (sinceReference * 1e6).rounded() / 1e6)
    }
}

private struct ReadColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// `SQLiteReads` as SQLKit sees it: the same dialect as the driver, so the same SQL.
struct ReadDatabase: SQLDatabase {
    let reads: SQLiteReads
    let logger: Logger
    let eventLoop: any EventLoop
    private static let dialectValue = SQLiteDialect()
    private static let encoder = SQLiteDataEncoder()

    var dialect: any SQLDialect { Self.dialectValue }
    var queryLogLevel: Logger.Level? { nil }

    /// Serialises the query as the driver would and runs it to its end on this thread.
    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> ()) throws {
        let (sql, binds) = serialize(query)
        // Ids are most binds: written directly, as the encoder would (their text).
        let values = try binds.map { try ($0 as? UUID).map(SQLiteData.id) ?? Self.encoder.encode($0) }
        try reads.connection().run(sql, binds: values) { onRow($0) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try run(query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededFuture(())
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }
}

extension SQLiteData {
    /// An id as the driver binds it (its text, upper case), written without the encoder.
    static func id(_ id: UUID?) -> SQLiteData { id.map { .text(UUIDText.string($0)) } ?? .null }
}
