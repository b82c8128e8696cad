import Vapor

/// Vapor's session middleware saves the session after every response, changed or not: on
/// the database driver, a write (and on SQLite a synced commit) for every page. This
/// driver remembers what it read for the request and skips saving when nothing changed.
/// Creating, changing and deleting sessions are the Fluent driver's, unchanged.
struct UnchangedSessionsSkipped: SessionDriver {
    let base: any SessionDriver

    struct ReadKey: StorageKey { typealias Value = ReadSession }
    struct ReadSession: Sendable { var id: SessionID; var data: SessionData }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        base.createSession(data, for: request)
    }

    /// Read with one plain query (`Store.sessionData`) from the Fluent driver's table: the
    /// driver's own query costs more to build than to run, on every page.
    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        let promise = request.eventLoop.makePromise(of: SessionData?.self)
        promise.completeWithTask {
            guard let stored = try await request.store.sessionData(key: sessionID.string) else { return nil }
            let data = SessionData(initialData: stored)
            request.storage[ReadKey.self] = ReadSession(id: sessionID, data: data)
            return data
        }
        return promise.futureResult
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if let read = request.storage[ReadKey.self], read.id == sessionID, read.data == data {
            return request.eventLoop.makeSucceededFuture(sessionID)
        }
        return base.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        base.deleteSession(sessionID, for: request)
    }
}
