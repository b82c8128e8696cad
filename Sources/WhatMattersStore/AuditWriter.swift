import Foundation

/// Appends audit entries for reads, committing those that arrive together in one
/// transaction (group commit). Each caller returns only once its own entry is committed,
/// so every read is still on the trail before anything is shown; the chain is the same
/// as for single appends. Writes that change records keep `Store.audited`: their entry
/// commits with the change.
public actor AuditWriter {
    private let store: @Sendable () -> Store
    private var pending: [(entry: AuditEntry, done: CheckedContinuation<Void, any Error>)] = []
    private var writing = false
    /// Upper bound of entries per transaction.
    static let batch = 256

    /// `store` gives the database to write to (the application's, not a request's).
    public init(_ store: @escaping @Sendable () -> Store) { self.store = store }

    public func record(_ entry: AuditEntry) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append((entry, done))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    /// Writes what is waiting, batch by batch, while entries keep arriving.
    private func drain() async {
        while !pending.isEmpty {
            let n = min(pending.count, Self.batch)
            let batch = Array(pending.prefix(n))
            pending.removeFirst(n)
            do {
                try await store().record(batch.map(\.entry))
                for b in batch { b.done.resume() }
            } catch {
                // One bad entry must not fail the others: append them one by one.
                if batch.count == 1 { batch[0].done.resume(throwing: error); continue }
                for b in batch {
                    do { try await store().record([b.entry]); b.done.resume() }
                    catch { b.done.resume(throwing: error) }
                }
            }
        }
        writing = false
    }
}
