import NIOCore
import Vapor
import WhatMattersStore

/// Copies SQLite's write-ahead log back into the database in the background while the
/// server runs (`Store.checkpoint`), so that no request's commit has to. Every read is
/// audited, so the log grows with every page; before this, the commit that crossed SQLite's
/// 1,000-page mark did the copying and its fsync, and every request on that connection
/// waited (bench/load: caseload p99 several times its p50).
struct Checkpointer: LifecycleHandler {
    static let interval = TimeAmount.milliseconds(250)

    final class Running: @unchecked Sendable { var task: RepeatedTask? }
    let running = Running()

    func didBoot(_ app: Application) throws {
        let databases = app.databases, logger = app.logger
        let loop = app.eventLoopGroup.any()
        running.task = loop.scheduleRepeatedAsyncTask(initialDelay: Self.interval, delay: Self.interval) { _ in
            loop.makeFutureWithTask {
                do { try await Store.checkpoint(databases, logger: logger) }
                catch { logger.warning("background checkpoint failed: \(error)") }
            }
        }
    }

    func shutdown(_ app: Application) {
        running.task?.cancel()
    }
}
