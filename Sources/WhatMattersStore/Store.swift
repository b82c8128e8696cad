import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import NIOCore
import Logging
import WhatMattersCore

/// Where the data lives. SQLite by default; PostgreSQL with no other change.
public enum DatabaseLocation: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// Reads a database URL: `postgres://…` or `postgresql://…`, `sqlite:PATH` or a bare path.
    public static func parse(_ url: String?) throws -> DatabaseLocation {
        guard let url, !url.isEmpty else { return .sqlite(path: "whatmatters.sqlite") }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard URL(string: url)?.host != nil else { throw StoreError.invalidDatabaseURL(url) }
            return .postgres(url: url.replacingOccurrences(of: "postgresql://", with: "postgres://"))
        }
        if url.hasPrefix("sqlite://") { return .sqlite(path: String(url.dropFirst("sqlite://".count))) }
        if url.hasPrefix("sqlite:") { return .sqlite(path: String(url.dropFirst("sqlite:".count))) }
        if url.contains("://") { throw StoreError.invalidDatabaseURL(url) }
        return .sqlite(path: url)
    }

    /// For logs: the password is never printed.
    public var description: String {
        switch self {
        case .sqlite(let path): return "SQLite \(path)"
        case .postgres(let url):
            guard var c = URLComponents(string: url) else { return "PostgreSQL" }
            if c.password != nil { c.password = "•••" }
            return "PostgreSQL \(c.string ?? "")"
        }
    }
}

public enum StoreError: Error, Equatable, CustomStringConvertible {
    case invalidDatabaseURL(String)
    case notFound
    /// Someone else saved first; the caller shows both versions.
    case conflict(currentVersion: Int)
    case duplicateEmail(String)
    case unknownTeam(String)

    public var description: String {
        switch self {
        case .invalidDatabaseURL(let u): return "not a database URL: \(u) (use postgres://user:password@host:port/database or a SQLite file path)"
        case .notFound: return "not found"
        case .conflict(let v): return "changed by someone else (now version \(v))"
        case .duplicateEmail(let e): return "a member of staff with email \(e) already exists"
        case .unknownTeam(let t): return "no team named \(t)"
        }
    }
}

/// The persistence API: every query the application makes, in one place, over Core values.
public struct Store: Sendable {
    public var db: any Database { handles.databases.db }
    /// Where writes go when it is not `db` (SQLite: see `DatabaseID.writer`).
    public var writer: (any Database)? { handles.databases.writer }
    /// Where the reads of every page go when it is not `db` (SQLite: see `SQLiteReads`).
    public let reader: (any SQLDatabase)?
    private let handles: Handles

    public init(_ db: any Database, writer: (any Database)? = nil, reader: (any SQLDatabase)? = nil) {
        self.handles = Handles(made: (db, writer)); self.reader = reader
    }

    /// A store whose driver handles are made when first used: a page that only reads (on
    /// `reader`) never needs them, and finding them takes locks on every request.
    public init(reader: (any SQLDatabase)?, databases: @escaping @Sendable () -> (db: any Database, writer: (any Database)?)) {
        self.handles = Handles(make: databases); self.reader = reader
    }

    private final class Handles: @unchecked Sendable {
        private let lock = NSLock()
        private var made: (db: any Database, writer: (any Database)?)?
        private let make: (@Sendable () -> (db: any Database, writer: (any Database)?))?

        init(made: (db: any Database, writer: (any Database)?)) { self.made = made; make = nil }
        init(make: @escaping @Sendable () -> (db: any Database, writer: (any Database)?)) { self.make = make }

        var databases: (db: any Database, writer: (any Database)?) {
            lock.withLock {
                if let made { return made }
                let m = make!()
                made = m
                return m
            }
        }
    }

    /// The database this store writes to.
    var writeDB: any Database { writer ?? db }

    var sql: any SQLDatabase { db as! any SQLDatabase }
    /// For the plain reads pages make on every request (who is signed in, a person, a plan,
    /// a page of a list): never inside a transaction, never a write.
    var reads: any SQLDatabase { reader ?? sql }

    // MARK: Setup

    public static let migrations: [any Migration] = [
        M001_CreateTeams(), M002_CreateStaff(), M003_CreateStaffTeams(), M004_CreatePeople(),
        M005_CreateConversations(), M006_CreateAPITokens(), M007_CreateDrafts(), M008_AddListIndexes(), M009_CreateAuditTrail(),
        SessionRecord.migration,
        M010_CreatePlans(), M011_CreatePlanVersions(), M012_AddRestrictionAndBreakGlass(), M013_CreateFormSubmissions(), M014_AddSecondFactor(),
        M015_CreatePlanModerations(), M016_AddTeamCountIndexes(),
    ]

    /// Registers the database and the migrations. Call once, from `configure`.
    public static func register(_ location: DatabaseLocation, databases: Databases, migrations: Migrations, logSQL: Bool = false) throws {
        switch location {
        case .sqlite(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: logSQL ? .info : nil), as: .sqlite)
            // The driver keeps one connection per event loop, and a request's queries wait
            // for it: a read waiting behind a commit's fsync, behind a checkpoint, or behind
            // a write waiting its turn for SQLite's one write lock (polling, with sleeps of up
            // to 100 ms) made every page on that loop wait. Writes and the background
            // checkpoint get connections of their own; reads never wait for either (WAL).
            databases.use(.sqlite(.file(path), sqlLogLevel: logSQL ? .info : nil), as: .writer, isDefault: false)
            databases.use(.sqlite(.file(path), sqlLogLevel: logSQL ? .info : nil), as: .checkpoint, isDefault: false)
        case .postgres(let url):
            var config = try SQLPostgresConfiguration(url: url)
            config.searchPath = nil
            databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 4,
                                    encodingContext: .default, decodingContext: .default,
                                    sqlLogLevel: logSQL ? .info : .debug), as: .psql)
        }
        migrations.add(migrations_: Store.migrations)
    }

    /// Settings that make SQLite durable and concurrent: write-ahead log, full sync.
    public func prepareDatabase() async throws {
        guard db is SQLiteDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA synchronous=FULL").run()
    }

    /// Keeps the query planner's statistics current, so that lists use their best index: on
    /// 50,000 people, counting a caseload took 0.3 ms without them and 0.04 ms with them.
    /// At start-up SQLite analyses only tables that changed enough since (`PRAGMA optimize`;
    /// PostgreSQL's autovacuum does this by itself); `full` analyses everything, after a bulk load.
    public func refreshStatistics(full: Bool = false) async throws {
        if full { try await sql.raw("ANALYZE").run(); return }
        guard db is SQLiteDatabase else { return }
        try await sql.raw("PRAGMA optimize=0x10002").run()
    }

    /// SQLite keeps one connection per event loop; each must wait for another's write lock
    /// (busy timeout) rather than fail at once, and sync fully on commit. The pool keeps its
    /// connections, so setting this once per loop at start-up is enough.
    /// A commit no longer copies the write-ahead log back into the database once it holds
    /// 1,000 pages (SQLite's default, which made the request that crossed it, and every one
    /// queued behind it, wait): `checkpoint()` does it in the background, and a commit does it
    /// only if the log ever reaches `walBackstopPages`.
    public static func tuneConnections(_ databases: Databases, loops: [any EventLoop], logger: Logger) async throws {
        for id in [DatabaseID?.none, .writer, .checkpoint] {
            for loop in loops {
                guard let db = databases.database(id, logger: logger, on: loop) as? any SQLDatabase, db.dialect.name == "sqlite" else { return }
                try await db.raw("PRAGMA busy_timeout = 10000").run()
                try await db.raw("PRAGMA synchronous = FULL").run()
                try await db.raw(SQLQueryString("PRAGMA wal_autocheckpoint = \(unsafeRaw: String(walBackstopPages))")).run()
                try await db.raw(SQLQueryString("PRAGMA journal_size_limit = \(unsafeRaw: String(walSizeLimitBytes))")).run()
            }
        }
    }

    /// Pages (4 KiB) the write-ahead log may reach before a commit checkpoints it itself.
    static let walBackstopPages = 16_000
    /// The size the log file is cut back to when it starts again from the beginning: without
    /// a limit, a log that grew while readers kept it from restarting kept its size on disk.
    static let walSizeLimitBytes = walBackstopPages * 4096

    /// Copies the write-ahead log back into the SQLite database without blocking readers or
    /// writers (a passive checkpoint), on a connection that serves no request. The server
    /// calls it every few hundred milliseconds. PostgreSQL checkpoints by itself.
    /// Returns the frames in the log and how many of them are now in the database (nil on
    /// PostgreSQL).
    @discardableResult
    public static func checkpoint(_ databases: Databases, logger: Logger) async throws -> (log: Int, copied: Int)? {
        guard let db = databases.database(.checkpoint, logger: logger, on: databases.eventLoopGroup.any()) as? any SQLDatabase,
              db.dialect.name == "sqlite", let row = try await db.raw("PRAGMA wal_checkpoint(PASSIVE)").first() else { return nil }
        return (try row.decode(column: "log", as: Int.self), try row.decode(column: "checkpointed", as: Int.self))
    }

    /// Which database writes go to: on SQLite the connections kept for writing, elsewhere
    /// (nil) the same as reads.
    public static func writerID(_ databases: Databases) -> DatabaseID? {
        databases.configuration(for: .writer) == nil ? nil : .writer
    }

    /// The database `AuditWriter` appends to through the driver (PostgreSQL; SQLite's trail
    /// has a connection of its own, `SQLiteAuditWriter`): always on the same event loop, so
    /// that its batches never wait for each other.
    public static func auditDatabase(_ databases: Databases, on loop: any EventLoop, logger: Logger) -> any Database {
        databases.database(writerID(databases), logger: logger, on: loop)!
    }

    /// True when the database answers a trivial query.
    public func ping() async -> Bool {
        do { _ = try await sql.raw("SELECT 1 AS ok").all(); return true } catch { return false }
    }

    public func isEmpty() async throws -> Bool {
        try await StaffModel.query(on: db).count() == 0
    }
}

extension DatabaseID {
    /// SQLite only: the connections every write goes through.
    public static let writer = DatabaseID(string: "sqlite-writer")
    /// SQLite only: the background checkpoint's connection.
    public static let checkpoint = DatabaseID(string: "sqlite-checkpoint")
}

extension Migrations {
    fileprivate func add(migrations_ list: [any Migration]) {
        for m in list { add(m) }
    }
}

// MARK: Backups and checks

extension Store {
    /// A consistent copy of a SQLite database taken in one read transaction, safe while
    /// others write.
    public func backupSQLite(to file: String) async throws {
        try await sql.raw("VACUUM INTO \(bind: file)").run()
    }

    /// `PRAGMA integrity_check` (SQLite); "ok" when sound. PostgreSQL checks itself: "ok".
    public func integrityCheck() async throws -> String {
        guard db is SQLiteDatabase else { return "ok" }
        let rows = try await sql.raw("PRAGMA integrity_check").all()
        return try rows.map { try $0.decode(column: "integrity_check", as: String.self) }.joined(separator: "; ")
    }

    /// Disables an account: its sessions stop working at the next request.
    public func setActive(email: String, _ active: Bool, by actor: AuditActor) async throws {
        try await audited(AuditEntry(actor, active ? "permission.enable" : "permission.disable", detail: email.lowercased())) { s in
            guard let m = try await StaffModel.query(on: s.db).filter(\.$email == email.lowercased()).first() else { throw StoreError.notFound }
            m.active = active
            try await m.update(on: s.db)
        }
    }
}
