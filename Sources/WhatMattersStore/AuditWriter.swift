import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLiteKit
import SQLiteNIO

/// Appends audit entries for reads, committing those that arrive together in one
/// transaction (group commit). Each caller returns only once its own entry is committed,
/// so every read is still on the trail before anything is shown; the chain is the same
/// as for single appends. Writes that change records keep `Store.audited`: their entry
/// commits with the change.
public protocol AuditRecorder: Sendable {
    /// Appends `entry` and returns once it is committed; the caller is woken on `loop` (its
    /// request's event loop) when given.
    func record(_ entry: AuditEntry, resumingOn loop: (any EventLoop)?) async throws
}

/// Upper bound of entries per transaction.
private let auditBatch = 256

/// One caller's entry, and where to wake the caller when it is committed.
private struct Waiting: Sendable {
    let entry: AuditEntry
    let done: CheckedContinuation<Void, any Error>
    let loop: (any EventLoop)?

    /// Wakes the caller on its own event loop. With NIO as Swift's executor a task wakes on
    /// the loop of whoever resumes it: resumed from the writer, every audited request went
    /// on on the writer's one loop, and that one core rendered every page while the other
    /// was mostly idle.
    func resume(_ result: Result<Void, any Error>) {
        guard let loop, !loop.inEventLoop else { return done.resume(with: result) }
        loop.execute { done.resume(with: result) }
    }
}

/// Group commit through the database driver (PostgreSQL, and SQLite when no file path is
/// known).
public actor AuditWriter: AuditRecorder {
    private let store: @Sendable () -> Store
    private var pending: [Waiting] = []
    private var writing = false

    /// `store` gives the database to write to (the application's, not a request's).
    public init(_ store: @escaping @Sendable () -> Store) { self.store = store }

    public func record(_ entry: AuditEntry, resumingOn loop: (any EventLoop)? = nil) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append(Waiting(entry: entry, done: done, loop: loop))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    /// Writes what is waiting, batch by batch, while entries keep arriving.
    private func drain() async {
        while !pending.isEmpty {
            let n = min(pending.count, auditBatch)
            let batch = Array(pending.prefix(n))
            pending.removeFirst(n)
            do {
                try await store().record(batch.map(\.entry))
                for b in batch { b.resume(.success(())) }
            } catch {
                // One bad entry must not fail the others: append them one by one.
                if batch.count == 1 { batch[0].resume(.failure(error)); continue }
                for b in batch {
                    do { try await store().record([b.entry]); b.resume(.success(())) }
                    catch { b.resume(.failure(error)) }
                }
            }
        }
        writing = false
    }
}

/// Group commit on SQLite, on a connection and a thread of its own.
///
/// Through the driver, each batch was five statements, each prepared again and each a hop to
/// the driver's thread pool and back to an event loop, the same loops that render pages:
/// under load every hop waited behind pages being rendered, so a read's commit took many
/// times its cost and the cores sat idle while requests waited for it. Here a batch is one
/// transaction of kept statements run straight through on the writer's thread, and only the
/// wake-ups go back to the loops. The trail is the same: the head is claimed, the rows are
/// chained and the head moved in one transaction, as `Store.record` does (`auditRows`).
public final class SQLiteAuditWriter: AuditRecorder, @unchecked Sendable {
    public let path: String
    private let thread = NIOThreadPool(numberOfThreads: 1)
    private let lock = NIOLock()
    // Under `lock`:
    private var pending: [Waiting] = []
    private var writing = false
    private var closed = false
    /// Used only on `thread`.
    private var connection: DirectConnection?

    public init(path: String) {
        self.path = path
        thread.start()
    }

    public func record(_ entry: AuditEntry, resumingOn loop: (any EventLoop)? = nil) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            let waiting = Waiting(entry: entry, done: done, loop: loop)
            let start = lock.withLock { () -> Bool? in
                guard !closed else { return nil }
                pending.append(waiting)
                if writing { return false }
                writing = true
                return true
            }
            switch start {
            case nil: waiting.resume(.failure(DirectConnectionError(message: "the audit trail is closed", sql: "")))
            case true?: thread.submit { _ in self.drain() }
            case false?: break
            }
        }
    }

    /// Stops the writer once what is waiting is written; later records fail.
    public func close() async {
        lock.withLock { closed = true }
        try? await thread.shutdownGracefully()
        connection?.close()
        connection = nil
    }

    /// On `thread`: writes what is waiting, batch by batch, while entries keep arriving.
    private func drain() {
        while true {
            let batch = lock.withLock { () -> [Waiting] in
                if pending.isEmpty { writing = false; return [] }
                let n = min(pending.count, auditBatch)
                defer { pending.removeFirst(n) }
                return Array(pending.prefix(n))
            }
            if batch.isEmpty { return }
            do {
                try append(batch.map(\.entry))
                for b in batch { b.resume(.success(())) }
            } catch {
                // One bad entry must not fail the others: append them one by one.
                if batch.count == 1 { batch[0].resume(.failure(error)); continue }
                for b in batch {
                    do { try append([b.entry]); b.resume(.success(())) }
                    catch { b.resume(.failure(error)) }
                }
            }
        }
    }

    /// One transaction; run again from the start while another writer holds the database
    /// past the busy timeout (as `Store.retryingBusy`).
    private func append(_ entries: [AuditEntry]) throws {
        var attempt = 0
        while true {
            do { return try appendOnce(entries) } catch let error as DirectConnectionError {
                attempt += 1
                let text = error.message.lowercased()
                guard attempt < 20, text.contains("busy") || text.contains("locked") else { throw error }
                usleep(UInt32(attempt) * 20_000)
            }
        }
    }

    private func appendOnce(_ entries: [AuditEntry]) throws {
        let db = try openConnection()
        try db.run("BEGIN IMMEDIATE", binds: []) { _ in }
        do {
            var head: (seq: Int, hash: String)?
            try db.run("UPDATE audit_head SET seq = seq + ? WHERE id = 1 RETURNING seq, hash", binds: [.integer(entries.count)]) { row in
                head = (try row.decode(column: "seq", as: Int.self), try row.decode(column: "hash", as: String.self))
            }
            guard let head else { throw DirectConnectionError(message: "the audit trail has no head", sql: "") }
            let rows = Store.auditRows(entries, firstSeq: head.seq - entries.count + 1, previous: head.hash)
            for r in rows {
                try db.run("""
                    INSERT INTO audit_events (id, seq, at, actor_id, actor, action, person_id, detail, previous_hash, hash) \
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, binds: [.id(r.id), .integer(r.seq), .text(r.at), .id(r.entry.actor.id),
                                 .text(r.entry.actor.label), .text(r.entry.action), .id(r.entry.personID),
                                 .text(r.entry.detail), .text(r.previous), .text(r.hash)]) { _ in }
            }
            try db.run("UPDATE audit_head SET hash = ? WHERE id = 1", binds: [.text(rows.last?.hash ?? head.hash)]) { _ in }
            try db.run("COMMIT", binds: []) { _ in }
        } catch {
            try? db.run("ROLLBACK", binds: []) { _ in }
            throw error
        }
    }

    private func openConnection() throws -> DirectConnection {
        if let connection, connection.isOpen { return connection }
        // As the driver's connections are set (`Store.tuneConnections`).
        let c = try DirectConnection(path: path, readOnly: false, pragmas: [
            "PRAGMA foreign_keys = ON",
            "PRAGMA synchronous = FULL",
            "PRAGMA wal_autocheckpoint = \(Store.walBackstopPages)",
            "PRAGMA journal_size_limit = \(Store.walSizeLimitBytes)",
        ])
        connection = c
        return c
    }
}
