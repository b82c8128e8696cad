import Fluent
import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// The one composition root. The server, the command line and the tests all call it.
public func configure(_ app: Application, _ config: AppConfig) async throws {
    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = "4mb"

    try Store.register(config.database, databases: app.databases, migrations: app.migrations, logSQL: config.logSQL)
    app.passwords.use(.bcrypt)

    // Sessions live in the database, so that several instances can share them; an unchanged
    // session is not written back (see UnchangedSessionsSkipped).
    let writer = Store.writerID(app.databases)
    app.storage[WriterKey.self] = writer
    app.sessions.use { app in UnchangedSessionsSkipped(base: app.fluent.sessions.driver(writer)) }
    app.sessions.configuration = SessionsConfiguration(cookieName: "wm_session") { id in
        HTTPCookies.Value(string: id.string, path: "/", isSecure: config.behindTLS, isHTTPOnly: true, sameSite: .lax)
    }

    // Browsers never compress what they send; a compressed body is refused rather than
    // inflated (one handler fewer on every request, and no inflating of hostile input).
    app.http.server.configuration.requestDecompression = .disabled
    // No metrics backend is installed, so Vapor's per-request counters and timers would
    // only be made and thrown away.
    app.http.server.configuration.reportMetrics = false

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeaders(behindTLS: config.behindTLS))
    app.middleware.use(ErrorPages())
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(RequestContextMiddleware(idleSeconds: Double(config.sessionIdleMinutes * 60)))

    // Reads are audited through one writer, so that reads arriving together share a commit.
    if case .sqlite(let path) = config.database {
        await app.storage.setWithAsyncShutdown(AuditWriterKey.self, to: SQLiteAuditWriter(path: path), onShutdown: { writer in
            await (writer as? SQLiteAuditWriter)?.close()
        })
    } else {
        let databases = app.databases, logger = app.logger
        let auditLoop = app.eventLoopGroup.next()
        app.storage[AuditWriterKey.self] = AuditWriter { Store(Store.auditDatabase(databases, on: auditLoop, logger: logger)) }
    }

    if case .sqlite(let path) = config.database {
        app.lifecycle.use(Checkpointer())
        // Pages read on a connection of each thread's own (see SQLiteReads).
        await app.storage.setWithAsyncShutdown(ReadsKey.self, to: SQLiteReads(path: path), onShutdown: { $0.close() })
    }

    Endpoints.register(on: app.routes)
    // bench/load measures the framework's ceiling on this same server with a bare route, and
    // the floor under every audited page: the signed-in member of staff found from the
    // session, then one read committed to the audit trail, then the access check and the
    // plan read, each answering "ok" without a page. Only when asked; never part of the
    // route table or the API.
    if ProcessInfo.processInfo.environment["WHATMATTERS_BENCH_HELLO"] == "1" {
        app.get("bench", "hello") { _ in "ok" }
        app.get("bench", "signed-in") { req async throws -> String in _ = try req.requireStaff(); return "ok" }
        app.get("bench", "audited") { req async throws -> String in try await req.audit("bench.read"); return "ok" }
        app.get("bench", "plan-read", .parameter(SiteRoute.personParam)) { req async throws -> String in
            let person = try await req.authorizePerson(.read).person
            try await req.audit("bench.read", person: person.id)
            _ = try await req.store.plan(personID: person.id)
            return "ok"
        }
    }
    app.storage[ConfigKey.self] = config
}

/// Migrates the database to the latest schema and applies the durability settings.
public func migrate(_ app: Application) async throws {
    try await Store.tuneConnections(app.databases, loops: Array(app.eventLoopGroup.makeIterator()), logger: app.logger)
    try await Store(app.db).prepareDatabase()
    try await app.autoMigrate()
    try await Store(app.db).refreshStatistics()
}

struct ConfigKey: StorageKey { typealias Value = AppConfig }
struct AuditWriterKey: StorageKey { typealias Value = any AuditRecorder }
struct ReadsKey: StorageKey { typealias Value = SQLiteReads }

extension Application {
    public var store: Store { Store(db) }
    public var config: AppConfig? { storage[ConfigKey.self] }
}
