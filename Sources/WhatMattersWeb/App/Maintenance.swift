import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// Backups, restores and checks of the whole database, shared by the command line and the tests.
public enum Maintenance {
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// A consistent copy while the server runs: SQLite's `VACUUM INTO` (one read transaction),
    /// or `pg_dump --format=custom` for PostgreSQL.
    public static func backup(_ app: Application, location: DatabaseLocation, to file: String) async throws {
        if FileManager.default.fileExists(atPath: file) {
            throw Problem(description: "--to: \(file) already exists; choose a new file so that no backup is overwritten")
        }
        switch location {
        case .sqlite:
            try await app.store.backupSQLite(to: file)
        case .postgres(let url):
            try run("pg_dump", ["--format=custom", "--no-owner", "--file", file, "--dbname", url])
        }
    }

    /// Brings a backup back. SQLite: the server must be stopped; the backup is checked, then
    /// replaces the database file. PostgreSQL: `pg_restore --clean` into the database.
    public static func restore(location: DatabaseLocation, from file: String) throws {
        guard FileManager.default.fileExists(atPath: file) else { throw Problem(description: "\(file) does not exist") }
        switch location {
        case .sqlite(let path):
            let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: file)).read(upToCount: 16) ?? Data()
            guard header == Data("SQLite format 3\0".utf8) else { throw Problem(description: "\(file) is not a SQLite database backup") }
            let fm = FileManager.default
            let staging = path + ".restoring"
            try? fm.removeItem(atPath: staging)
            try fm.copyItem(atPath: file, toPath: staging)
            for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
            // rename(2) replaces the database file in one step.
            guard rename(staging, path) == 0 else { throw Problem(description: "could not replace \(path): \(String(cString: strerror(errno)))") }
        case .postgres(let url):
            try run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", url, file])
        }
    }

    /// Runs a PostgreSQL client tool found on PATH or beside the server binaries.
    static func run(_ tool: String, _ arguments: [String]) throws {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/lib/postgresql/15/bin", "/usr/bin"]
        guard let dir = candidates.first(where: { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }) else {
            throw Problem(description: "\(tool) was not found; install PostgreSQL's client tools (apt-get install postgresql-client)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "\(dir)/\(tool)")
        p.arguments = arguments
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Problem(description: "\(tool) failed (\(p.terminationStatus)): \(message)")
        }
    }
}
