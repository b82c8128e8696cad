import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOCore
import NIOPosix
import Logging
import SQLKit
@testable import WhatMattersStore

/// A real database for each test: a fresh SQLite file, or — when
/// WHATMATTERS_TEST_POSTGRES_URL is set — a PostgreSQL database with its schema emptied first.
/// Tests of SQLite's own parts (`SQLiteReads`, `SQLiteAuditWriter`) ask for SQLite always,
/// so that they run on the PostgreSQL pass too rather than being skipped.
final class TestDatabase {
    let databases: Databases
    let migrations = Migrations()
    let migrator: Migrator
    let location: DatabaseLocation
    let threadPool: NIOThreadPool
    let directory: URL?
    var db: any Database { databases.database(logger: Logger(label: "test"), on: MultiThreadedEventLoopGroup.singleton.any())! }
    var store: Store { Store(db) }

    static var postgresURL: String? {
        let v = ProcessInfo.processInfo.environment["WHATMATTERS_TEST_POSTGRES_URL"]
        return (v?.isEmpty ?? true) ? nil : v
    }

    init(sqliteOnly: Bool = false) async throws {
        threadPool = NIOThreadPool(numberOfThreads: 2)
        threadPool.start()
        databases = Databases(threadPool: threadPool, on: MultiThreadedEventLoopGroup.singleton)
        if !sqliteOnly, let url = Self.postgresURL {
            location = .postgres(url: url)
            directory = nil
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wm-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            directory = dir
            location = .sqlite(path: dir.appendingPathComponent("test.sqlite").path)
        }
        try Store.register(location, databases: databases, migrations: migrations)
        migrator = Migrator(databases: databases, migrations: migrations, logger: Logger(label: "test"),
                            on: MultiThreadedEventLoopGroup.singleton.any())
        if case .postgres = location {
            let sql = db as! any SQLDatabase
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await store.prepareDatabase()
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    func shutdown() async throws {
        await databases.shutdownAsync()
        try await threadPool.shutdownGracefully()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }
}
